package io.ffnn.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One protobuf message being written, field by field, with protobuf-java's wire-format API
 * ({@link CodedOutputStream}) and the field numbers of the ONNX schema ({@code onnx.proto3}); an
 * embedded message is written as the bytes of its own {@code Proto}.
 */
final class Proto {

  private final ByteString.Output bytes = ByteString.newOutput();
  private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

  Proto int64(int field, long value) {
    try {
      out.writeInt64(field, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Proto string(int field, String value) {
    try {
      out.writeString(field, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Proto float32(int field, float value) {
    try {
      out.writeFloat(field, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Proto bytes(int field, byte[] value) {
    try {
      out.writeByteArray(field, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Proto message(int field, Proto message) {
    try {
      out.writeBytes(field, message.toByteString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  ByteString toByteString() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteString();
  }
}
