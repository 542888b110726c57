package dev.minisched.scenarios;

import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * The binding requests schedulers sent over the wire, and the API server's answers: proof that a
 * pod was bound once and nobody tried twice, which the pods' final state alone cannot show (the
 * API server refuses a second binding with 409, so a pod never looks bound twice).
 *
 * <p>A pod is bound by POSTing a Binding named after it, to {@code namespaces/NS/bindings} or to
 * the subresource {@code namespaces/NS/pods/NAME/binding}; both are counted.
 *
 * <p>Threads: the schedulers' binding threads record (through the clients' interceptors); tests
 * read. The queue is concurrent.
 */
public final class BindingRequests {
  private static final Pattern BINDING = Pattern.compile("/api/v1/namespaces/[^/]+/(bindings|pods/[^/]+/binding)");

  /** One binding request: which client sent it, for which pod, and the HTTP status it got. */
  public record Sent(String sender, String pod, int httpStatus) {}

  private final Queue<Sent> requests = new ConcurrentLinkedQueue<>();

  /** Makes {@code client} note its binding requests here, as sent by {@code sender}; returns it. */
  public ApiClient record(ApiClient client, String sender) {
    return client.setHttpClient(client.getHttpClient().newBuilder().addInterceptor(recorder(sender)).build());
  }

  private Interceptor recorder(String sender) {
    return chain -> {
      Request request = chain.request();
      Response response = chain.proceed(request);
      if (request.method().equals("POST") && BINDING.matcher(request.url().encodedPath()).matches()) {
        requests.add(new Sent(sender, podName(request.body()), response.code()));
      }
      return response;
    };
  }

  /** The Binding's metadata.name: the pod it binds. */
  private static String podName(RequestBody body) throws IOException {
    Buffer json = new Buffer();
    body.writeTo(json);
    return JsonParser.parseString(json.readUtf8()).getAsJsonObject()
        .getAsJsonObject("metadata").get("name").getAsString();
  }

  public List<Sent> all() {
    return List.copyOf(requests);
  }

  /** Pod name → how many binding requests were sent for it. */
  public Map<String, Long> countByPod() {
    return requests.stream().collect(Collectors.groupingBy(Sent::pod, Collectors.counting()));
  }

  /** Pod name → who sent its binding request ("a+b" if more than one did). */
  public Map<String, String> senderByPod() {
    return requests.stream().collect(Collectors.toMap(Sent::pod, Sent::sender, (x, y) -> x + "+" + y));
  }
}
