package io.tributary.core.step;

import io.tributary.transforms.secrets.Redact;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts a JSON notification when a step completed (the seed used SNS to refresh its front end).
 * A failed notification is reported but does not fail the step: the data is already published.
 */
public final class Webhook {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Webhook() {}

  /** Returns true when the endpoint answered 2xx; explains on {@code log} otherwise. */
  public static boolean post(String url, String json, PrintStream log) {
    if (url == null || url.isBlank()) {
      return false;
    }
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url.trim()))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json))
          .build();
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        return true;
      }
      log.printf("warning: notification to %s answered HTTP %d (the step's output is published)%n", Redact.url(url),
          response.statusCode());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.printf("warning: notification to %s interrupted%n", Redact.url(url));
    } catch (Exception e) {
      log.printf("warning: notification to %s failed: %s (the step's output is published)%n", Redact.url(url),
          Redact.text(e.getMessage()));
    }
    return false;
  }
}
