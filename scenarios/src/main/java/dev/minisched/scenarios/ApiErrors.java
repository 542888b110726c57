package dev.minisched.scenarios;

import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiException;

/**
 * What the API server said when it refused a request. Used by the harness and by the stages'
 * schedulers alike, so a FailedScheduling event and a scenario error quote the server the same way.
 */
public final class ApiErrors {
  private ApiErrors() {}

  /** The human message inside the API server's Status response, else the HTTP code. */
  public static String message(ApiException e) {
    String body = e.getResponseBody();
    if (body != null && body.startsWith("{")) {
      try {
        var json = JsonParser.parseString(body).getAsJsonObject();
        if (json.has("message")) {
          return json.get("message").getAsString();
        }
      } catch (RuntimeException notJson) {
        // fall through to the plain description
      }
    }
    return e.getCode() == 0 ? String.valueOf(e.getMessage()) : "HTTP " + e.getCode() + " " + e.getMessage();
  }

  /** A scenario error that says what was refused and quotes the server. */
  public static ScenarioError refused(String what, ApiException e) {
    return new ScenarioError("the API server refused to " + what + ": " + message(e), e);
  }
}
