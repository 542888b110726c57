package dev.minisched;

import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A client whose requests never leave the JVM: each is answered with the canned reply for its
 * method and path ("POST /api/v1/namespaces/default/pods/web/binding"), 404 for any other. For
 * the few API answers a unit test needs, such as a 409 and what a read-back then finds.
 */
final class CannedApi {
  /** An HTTP status and a JSON body. */
  record Reply(int code, String json) {}

  final List<String> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Reply> replies;

  CannedApi(Map<String, Reply> replies) {
    this.replies = replies;
  }

  ApiClient client() {
    ApiClient client = new ApiClient().setBasePath("http://127.0.0.1:9");
    // No read timeout: the scheduler's informers refuse a client with one.
    return client.setHttpClient(client.getHttpClient().newBuilder().readTimeout(Duration.ZERO).addInterceptor(chain -> {
      String key = chain.request().method() + " " + chain.request().url().encodedPath();
      requests.add(key);
      Reply reply = replies.getOrDefault(key, new Reply(404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
          + "\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"));
      return new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1)
          .code(reply.code()).message(reply.code() == 409 ? "Conflict" : "Status " + reply.code())
          .body(ResponseBody.create(reply.json(), MediaType.get("application/json"))).build();
    }).build());
  }

  /** The API server's answer to a binding of a pod that is bound already. */
  static Reply alreadyAssigned(String pod, String node) {
    return new Reply(409, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
        + "\"Operation cannot be fulfilled on pods/binding \\\"" + pod + "\\\": pod " + pod
        + " is already assigned to node \\\"" + node + "\\\"\",\"reason\":\"Conflict\",\"details\":{\"name\":\""
        + pod + "\",\"kind\":\"pods/binding\"},\"code\":409}");
  }

  /** A pod as a read returns it: its UID and the node it is bound to. */
  static Reply pod(String namespace, String name, String uid, String node) {
    return new Reply(200, "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"" + namespace + "\",\"uid\":\"" + uid + "\"},\"spec\":{\"nodeName\":\"" + node
        + "\",\"containers\":[{\"name\":\"c\"}]}}");
  }
}
