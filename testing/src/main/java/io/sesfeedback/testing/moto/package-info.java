/**
 * moto servers on loopback: one launcher per JVM forks each server in milliseconds; DynamoDB with
 * transactions that roll back item by item and an optional journal (the local store); SES with the
 * v1 calls moto lacks.
 */
package io.sesfeedback.testing.moto;
