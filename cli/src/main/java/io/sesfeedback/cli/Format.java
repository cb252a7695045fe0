package io.sesfeedback.cli;

/** How a command prints its rows. */
enum Format {
    text, csv, json, jsonl
}
