package im.natter.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The figures of a reliability run: one row per scenario, server, end and sender, printed as a Markdown table. */
final class ResultTable {

    /** One counted end of one scenario on one server; {@code integrity} is that end's archive after it stopped. */
    record Row(String scenario, String server, Tally tally, String integrity) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(String scenario, String server, Tally tally, String integrity) {
        rows.add(new Row(scenario, server, tally, integrity));
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    synchronized String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("| Scenario | Server | Counted at | From | Sent | Lost | Duplicated | Out of order | Archive integrity |\n");
        b.append("|---|---|---|---|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            Tally t = r.tally();
            b.append("| ").append(r.scenario()).append(" | ").append(r.server()).append(" | ").append(t.end())
                    .append(" | ").append(t.sender()).append(" | ").append(t.expected()).append(" | ")
                    .append(t.lost()).append(" | ").append(t.duplicated()).append(" | ").append(t.outOfOrder())
                    .append(" | ").append(r.integrity()).append(" |\n");
        }
        int sent = rows.stream().mapToInt(r -> r.tally().expected()).sum();
        int lost = rows.stream().mapToInt(r -> r.tally().lost()).sum();
        int dup = rows.stream().mapToInt(r -> r.tally().duplicated()).sum();
        int ooo = rows.stream().mapToInt(r -> r.tally().outOfOrder()).sum();
        b.append("| **all** | | | | **").append(sent).append("** | **").append(lost).append("** | **").append(dup)
                .append("** | **").append(ooo).append("** | |\n");
        return b.toString();
    }

    /** Writes the table where the build keeps its reports, so docs can be updated from a real run. */
    synchronized void writeTo(Path file, String heading) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, heading + "\n\n" + markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
