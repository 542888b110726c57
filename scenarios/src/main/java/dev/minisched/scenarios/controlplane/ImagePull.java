package dev.minisched.scenarios.controlplane;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.testcontainers.utility.DockerImageName;

/**
 * Makes sure Docker/Podman has an image: present already, or pulled now, in one attempt.
 * Testcontainers itself would retry a failed pull for two minutes, and docker-java's own pull
 * callback fails on Podman's error messages; a registry that cannot be reached now will not be
 * reachable in two minutes either.
 */
final class ImagePull {
  private static final long PULL_TIMEOUT_MINUTES = 10;

  private ImagePull() {}

  /** Empty when the image is there, otherwise why it could not be had. */
  static Optional<String> ensurePresent(DockerClient docker, String image) {
    if (isPresent(docker, image)) {
      return Optional.empty();
    }
    System.out.printf("[minisched] pulling %s…%n", image);
    DockerImageName name = DockerImageName.parse(image);
    PullErrors pull = new PullErrors();
    try {
      if (!docker.pullImageCmd(name.getUnversionedPart()).withTag(name.getVersionPart()).exec(pull)
          .awaitCompletion(PULL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        return Optional.of("no pull finished within " + PULL_TIMEOUT_MINUTES + " minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while pulling");
    } catch (RuntimeException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
    return isPresent(docker, image) ? Optional.empty()
        : Optional.of(pull.error != null ? pull.error : "the pull ended without the image");
  }

  private static boolean isPresent(DockerClient docker, String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** Keeps the last error the engine reported in the pull's progress stream. Runs on docker-java's stream thread. */
  private static final class PullErrors extends ResultCallback.Adapter<PullResponseItem> {
    private volatile String error;

    @Override
    public void onNext(PullResponseItem item) {
      if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
        error = item.getErrorDetail().getMessage();
      } else if (item.getError() != null) {
        error = item.getError();
      }
    }
  }
}
