package io.sesfeedback.tools.suppression;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records (https://www.rfc-editor.org/rfc/rfc4180): quoted cells may hold commas, quotes
 * doubled and line breaks; each record keeps the line it starts on, to name a bad one.
 */
final class CsvRecords {

    record Record(int line, List<String> cells) {}

    private CsvRecords() {}

    static List<Record> read(BufferedReader in) throws IOException {
        List<Record> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int start = 1;
        int c;
        while ((c = in.read()) != -1) {
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        cell.append('"');
                    } else {
                        quoted = false;
                        if (next == -1) {
                            break;
                        }
                        in.reset();
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    cell.append(ch);
                }
                continue;
            }
            switch (ch) {
                case '"' -> {
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    any = true;
                }
                case '\r' -> {}
                case '\n' -> {
                    if (any || cell.length() > 0) {
                        cells.add(cell.toString());
                        records.add(new Record(start, List.copyOf(cells)));
                    }
                    cells.clear();
                    cell.setLength(0);
                    any = false;
                    line++;
                    start = line;
                }
                default -> {
                    cell.append(ch);
                    any = true;
                }
            }
        }
        if (any || cell.length() > 0) {
            cells.add(cell.toString());
            records.add(new Record(start, List.copyOf(cells)));
        }
        return records;
    }
}
