package io.devsanctum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What a command prints: a table for people (the default), or the API's JSON for scripts. */
final class Output {

  enum Format { table, json }

  /** A column: its heading and how a row's cell is read from the JSON. */
  record Column(String heading, Function<JsonNode, String> cell) {
    static Column of(String heading, String field) {
      return new Column(heading, row -> row.path(field).isNull() || row.path(field).isMissingNode()
          ? "-" : row.path(field).asText());
    }
  }

  private final Format format;
  private final PrintWriter out;

  Output(Format format, PrintWriter out) {
    this.format = format;
    this.out = out;
  }

  boolean json() {
    return format == Format.json;
  }

  void rows(JsonNode rows, List<Column> columns) {
    if (json()) {
      out.println(rows.toPrettyString());
      return;
    }
    List<String[]> lines = new ArrayList<>();
    lines.add(columns.stream().map(Column::heading).toArray(String[]::new));
    rows.forEach(row -> lines.add(columns.stream().map(column -> column.cell().apply(row)).toArray(String[]::new)));
    int[] widths = new int[columns.size()];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    for (String[] line : lines) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        text.append(i == line.length - 1 ? line[i] : String.format("%-" + widths[i] + "s  ", line[i]));
      }
      out.println(text.toString().stripTrailing());
    }
  }

  /** One resource: its JSON, or {@code text} for people. */
  void one(JsonNode resource, String text) {
    out.println(json() ? resource.toPrettyString() : text);
  }

  /** A line for people only (progress, confirmations); scripts reading JSON do not get it. */
  void say(String text) {
    if (!json()) {
      out.println(text);
    }
    out.flush();
  }

  void flush() {
    out.flush();
  }
}
