package org.dataembassy.site.it;

import io.restassured.filter.Filter;

/**
 * Prints one line for every 5xx a site answers a test (the problem's detail says why: not active,
 * not replicated...), so a failed expectation in a CI log can be explained; polls that see 404s
 * stay quiet.
 */
final class ServerErrors {

  static final Filter PRINT =
      (request, response, ctx) -> {
        var answer = ctx.next(request, response);
        if (answer.statusCode() >= 500) {
          String body = answer.asString();
          System.out.printf(
              "[it] %d from %s %s: %s%n",
              answer.statusCode(),
              request.getMethod(),
              request.getURI(),
              body.length() > 400 ? body.substring(0, 400) + "..." : body.replace('\n', ' '));
        }
        return answer;
      };

  private ServerErrors() {}
}
