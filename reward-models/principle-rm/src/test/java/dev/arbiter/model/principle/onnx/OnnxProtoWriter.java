package dev.arbiter.model.principle.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Just enough of the protobuf wire format and the ONNX schema ({@code onnx.proto}: ModelProto,
 * GraphProto, NodeProto, TensorProto, ValueInfoProto) to write small test models by hand.
 */
final class OnnxProtoWriter {

  static final int FLOAT = 1;
  static final int INT32 = 6;
  static final int INT64 = 7;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  byte[] bytes() {
    return out.toByteArray();
  }

  private void tag(int field, int wireType) {
    varint(((long) field << 3) | wireType);
  }

  private void varint(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  OnnxProtoWriter int64(int field, long v) {
    tag(field, 0);
    varint(v);
    return this;
  }

  OnnxProtoWriter bytes(int field, byte[] b) {
    tag(field, 2);
    varint(b.length);
    out.writeBytes(b);
    return this;
  }

  OnnxProtoWriter string(int field, String s) {
    return bytes(field, s.getBytes(StandardCharsets.UTF_8));
  }

  OnnxProtoWriter message(int field, OnnxProtoWriter m) {
    return bytes(field, m.bytes());
  }

  // --- ONNX messages -------------------------------------------------------------------------

  static OnnxProtoWriter model(OnnxProtoWriter graph, int opset) {
    OnnxProtoWriter opsetId = new OnnxProtoWriter().string(1, "").int64(2, opset);
    return new OnnxProtoWriter()
        .int64(1, 8) // ir_version
        .string(2, "arbiter-test") // producer_name
        .message(7, graph)
        .message(8, opsetId);
  }

  static OnnxProtoWriter node(String op, List<String> inputs, List<String> outputs) {
    OnnxProtoWriter n = new OnnxProtoWriter();
    inputs.forEach(i -> n.string(1, i));
    outputs.forEach(o -> n.string(2, o));
    n.string(3, op + "_" + outputs.get(0));
    n.string(4, op);
    return n;
  }

  /** An INT attribute (AttributeProto: name 1, i 3, type 20 = INT 2). */
  OnnxProtoWriter intAttribute(String name, long value) {
    return message(5, new OnnxProtoWriter().string(1, name).int64(3, value).int64(20, 2));
  }

  static OnnxProtoWriter floatTensor(String name, long[] dims, float[] values) {
    ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buf.putFloat(v);
    }
    return tensor(name, dims, FLOAT, buf.array());
  }

  static OnnxProtoWriter int64Tensor(String name, long[] dims, long[] values) {
    ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      buf.putLong(v);
    }
    return tensor(name, dims, INT64, buf.array());
  }

  private static OnnxProtoWriter tensor(String name, long[] dims, int type, byte[] raw) {
    OnnxProtoWriter t = new OnnxProtoWriter();
    for (long d : dims) {
      t.int64(1, d);
    }
    return t.int64(2, type).string(8, name).bytes(9, raw);
  }

  /** A tensor value info; a dim is a fixed size (Long) or a symbolic name (String). */
  static OnnxProtoWriter valueInfo(String name, int elemType, List<Object> dims) {
    OnnxProtoWriter shape = new OnnxProtoWriter();
    for (Object d : dims) {
      OnnxProtoWriter dim = new OnnxProtoWriter();
      if (d instanceof Long l) {
        dim.int64(1, l);
      } else {
        dim.string(2, (String) d);
      }
      shape.message(1, dim);
    }
    OnnxProtoWriter tensorType = new OnnxProtoWriter().int64(1, elemType).message(2, shape);
    OnnxProtoWriter type = new OnnxProtoWriter().message(1, tensorType);
    return new OnnxProtoWriter().string(1, name).message(2, type);
  }
}
