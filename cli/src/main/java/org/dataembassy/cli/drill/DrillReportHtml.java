package org.dataembassy.cli.drill;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code report.html}: the report as a page an auditor reads, with the timeline as an inline SVG
 * chart (requests per 100 ms, ok above the axis and failed below, a colour per site, the events
 * marked). No script, nothing fetched from anywhere.
 */
public final class DrillReportHtml {

  private static final String[] COLOURS = {"#2b7bb9", "#3a9d5d", "#c98a1b", "#7b4fa0", "#b0413e"};
  private static final int WIDTH = 900;
  private static final int HEIGHT = 240;

  private DrillReportHtml() {}

  public static String render(JsonNode report) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Drill ")
        .append(esc(report.path("kind").asText())).append(" ").append(esc(report.path("startedAt").asText()))
        .append("</title><style>body{font-family:sans-serif;margin:2em;max-width:960px}table{border-collapse:collapse}"
            + "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}.pass{color:#1a7f37}.fail{color:#b0413e}</style></head><body>");
    boolean passed = report.path("passed").asBoolean();
    html.append("<h1>Drill: ").append(esc(report.path("kind").asText())).append(" of ").append(esc(report.path("subject").asText()))
        .append(" — <span class=\"").append(passed ? "pass\">PASSED" : "fail\">FAILED").append("</span></h1>");
    html.append("<p>Started ").append(esc(report.path("startedAt").asText())).append(", ")
        .append(report.path("durationMs").asLong() / 1000.0).append(" s. Objectives: RTO ≤ ")
        .append(report.path("objectives").path("rtoMs").asLong()).append(" ms, RPO 0 acknowledged writes lost.</p>");
    for (JsonNode finding : report.path("findings")) {
      html.append("<p class=\"fail\">").append(esc(finding.asText())).append("</p>");
    }
    JsonNode rto = report.path("rto");
    JsonNode rpo = report.path("rpo");
    html.append("<table><tr><th>detection</th><th>first acknowledged write</th><th>DNS converged</th><th>acknowledged writes</th><th>lost</th><th>stale reads</th></tr><tr>")
        .append(cell(rto.path("detectionMs"))).append(cell(rto.path("firstWriteMs"))).append(cell(rto.path("dnsConvergedMs")))
        .append("<td>").append(rpo.path("acknowledgedWrites").asLong()).append("</td><td>").append(rpo.path("lost").asLong())
        .append("</td><td>").append(report.path("staleReads").asLong()).append("</td></tr></table>");
    html.append("<h2>Requests per 100 ms</h2>").append(chart(report));
    html.append("<h2>Timeline</h2><table><tr><th>ms</th><th>event</th><th>site</th><th>detail</th></tr>");
    for (JsonNode e : report.path("timeline")) {
      html.append("<tr><td>").append(e.path("atMs").asLong()).append("</td><td>").append(esc(e.path("kind").asText()))
          .append("</td><td>").append(esc(e.path("site").asText(""))).append("</td><td>").append(esc(e.path("detail").asText("")))
          .append("</td></tr>");
    }
    html.append("</table><h2>Failed requests</h2><pre>").append(esc(report.path("failedRequests").toPrettyString()))
        .append("</pre></body></html>\n");
    return html.toString();
  }

  static String chart(JsonNode report) {
    JsonNode buckets = report.path("buckets");
    long end = Math.max(DrillReport.BUCKET_MS, report.path("durationMs").asLong());
    TreeSet<String> sites = new TreeSet<>();
    int max = 1;
    for (JsonNode b : buckets) {
      b.path("sites").fieldNames().forEachRemaining(sites::add);
      int ok = 0;
      int failed = 0;
      for (JsonNode c : b.path("sites")) {
        ok += c.path("ok").asInt();
        failed += c.path("failed").asInt();
      }
      max = Math.max(max, Math.max(ok, failed));
    }
    List<String> order = new ArrayList<>(sites);
    double mid = HEIGHT / 2.0;
    double scale = (mid - 20) / max;
    double barWidth = Math.max(1, WIDTH * (double) DrillReport.BUCKET_MS / end - 1);
    StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + (HEIGHT + 30)
        + "\" role=\"img\" aria-label=\"requests per 100 ms, ok above and failed below the axis\">");
    svg.append("<line x1=\"0\" y1=\"").append(mid).append("\" x2=\"").append(WIDTH).append("\" y2=\"").append(mid).append("\" stroke=\"#888\"/>");
    for (JsonNode b : buckets) {
      double x = WIDTH * b.path("atMs").asDouble() / end;
      double up = mid;
      double down = mid;
      for (String site : order) {
        JsonNode c = b.path("sites").path(site);
        String colour = COLOURS[order.indexOf(site) % COLOURS.length];
        int ok = c.path("ok").asInt();
        int failed = c.path("failed").asInt();
        if (ok > 0) {
          up -= ok * scale;
          svg.append(rect(x, up, barWidth, ok * scale, colour, site + ": " + ok + " ok"));
        }
        if (failed > 0) {
          svg.append(rect(x, down, barWidth, failed * scale, colour, site + ": " + failed + " failed"));
          down += failed * scale;
        }
      }
    }
    for (JsonNode e : report.path("timeline")) {
      double x = WIDTH * e.path("atMs").asDouble() / end;
      svg.append("<line x1=\"").append(fmt(x)).append("\" y1=\"0\" x2=\"").append(fmt(x)).append("\" y2=\"").append(HEIGHT)
          .append("\" stroke=\"#b0413e\" stroke-dasharray=\"3,3\"><title>").append(esc(e.path("kind").asText())).append(" ")
          .append(esc(e.path("site").asText(""))).append("</title></line>");
      svg.append("<text x=\"").append(fmt(x + 2)).append("\" y=\"12\" font-size=\"10\">").append(esc(e.path("kind").asText())).append("</text>");
    }
    int legend = 0;
    for (String site : order) {
      svg.append("<rect x=\"").append(legend).append("\" y=\"").append(HEIGHT + 10).append("\" width=\"10\" height=\"10\" fill=\"")
          .append(COLOURS[order.indexOf(site) % COLOURS.length]).append("\"/><text x=\"").append(legend + 14).append("\" y=\"")
          .append(HEIGHT + 19).append("\" font-size=\"11\">").append(esc(site)).append("</text>");
      legend += 90;
    }
    return svg.append("</svg>").toString();
  }

  private static String rect(double x, double y, double w, double h, String colour, String title) {
    return "<rect x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(w) + "\" height=\"" + fmt(h) + "\" fill=\"" + colour
        + "\"><title>" + esc(title) + "</title></rect>";
  }

  private static String cell(JsonNode ms) {
    return "<td>" + (ms.isNull() || ms.isMissingNode() ? "—" : ms.asLong() + " ms") + "</td>";
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.1f", v);
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
