package io.ffnn.testing.train;

import io.ffnn.core.Network;

import io.ffnn.core.training.EpochRecord;
import io.ffnn.core.training.History;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * SHA-256 fingerprints of a trained network's weights and of a training history, bit for bit: the
 * pins that a redesign of the training layer must leave unchanged. They are computed from the
 * public accessors alone ({@code W(l)}, {@code b(l)}, the records), so they do not depend on how
 * the code under test lays the parameters out.
 */
public final class Pinned {

  private Pinned() {}

  /**
   * The weights' fingerprint: {@code W[1]}, {@code b[1]}, {@code W[2]}, … as big-endian doubles.
   *
   * @param net the network
   * @return the hexadecimal SHA-256
   */
  public static String weights(Network net) {
    MessageDigest sha = sha256();
    ByteBuffer eight = ByteBuffer.allocate(8);
    for (int l = 1; l <= net.depth(); l++) {
      for (double v : net.W(l).data) {
        sha.update(eight.clear().putDouble(v).array());
      }
      for (double v : net.b(l).data) {
        sha.update(eight.clear().putDouble(v).array());
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * The history's fingerprint: every record's epoch, metrics (names and exact values), learning
   * rate and example count — not its seconds — then the best epoch, whether training stopped
   * early and whether it restored the best weights.
   *
   * @param history the history
   * @return the hexadecimal SHA-256
   */
  public static String history(History history) {
    StringBuilder sb = new StringBuilder();
    for (EpochRecord r : history.epochs()) {
      sb.append(r.epoch()).append(';');
      for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
        sb.append(e.getKey()).append('=').append(Long.toHexString(
            Double.doubleToRawLongBits(e.getValue()))).append(';');
      }
      sb.append("lr=").append(Long.toHexString(Double.doubleToRawLongBits(r.learningRate())))
          .append(";m=").append(r.examples()).append('\n');
    }
    sb.append("best=").append(history.bestEpoch()).append(";stopped=")
        .append(history.stoppedEarly()).append(";restored=").append(history.restoredBestWeights());
    return HexFormat.of().formatHex(sha256().digest(sb.toString().getBytes(
        StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
