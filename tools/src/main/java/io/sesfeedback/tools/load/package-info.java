/**
 * {@code bin/load}: a deterministic stream of SES notifications ({@code LoadGenerator}) through the
 * real recorder on moto's DynamoDB, the table then compared with what the generator's model expects
 * ({@code ExpectedTally}).
 */
package io.sesfeedback.tools.load;
