package io.ffnn.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ffnn.core.Network;
import io.ffnn.core.NetworkSpec;
import io.ffnn.core.data.Scaler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The description alone: {@code model.json} written, read back, and every bad field named. */
class ModelJsonTest {

  private static final Path FILE = Path.of("m.ffnn");
  private static final NetworkSpec SPEC = NetworkSpec.builder(2).layer(3, "leaky_relu(alpha=0.2)")
      .dropout(0.25).layer(1, "sigmoid").cost("bce").seed(42).build();

  private static String json(Scaler scaler) throws IOException {
    return new String(ModelJson.write(new Model(Network.build(SPEC), scaler)),
        StandardCharsets.UTF_8);
  }

  private static ModelJson.Description read(String json) throws ModelFormatException {
    return ModelJson.read(FILE, json.getBytes(StandardCharsets.UTF_8));
  }

  private static String error(String json) {
    return assertThrows(ModelFormatException.class, () -> read(json)).getMessage()
        .substring(FILE.toString().length() + 2);
  }

  @Test
  void aDescriptionReadsBackAsTheSpecScalerAndWeightsItWasWrittenFrom() throws IOException {
    Scaler scaler = new Scaler(Scaler.Kind.MIN_MAX, new double[] {1, 2}, new double[] {3, 4});
    ModelJson.Description d = read(json(scaler));
    assertEquals(SPEC.toString(), d.spec().toString());
    assertEquals("weights.bin", d.weightsEntry());
    assertEquals(3 * 3 + 1 * 4, d.parameters());
    assertEquals(Scaler.Kind.MIN_MAX, d.scaler().kind());
    assertArrayEquals(new double[] {1, 2}, d.scaler().shift(), 0.0);
    assertArrayEquals(new double[] {3, 4}, d.scaler().scale(), 0.0);
    assertNull(read(json(null)).scaler());
    assertEquals(DataNames.NONE, d.names());
  }

  @Test
  void namesReadBackAndFormatOneHasNone() throws IOException {
    DataNames names = new DataNames(List.of("height", "weight"), List.of("sick"),
        List.of("no", "yes"));
    String json = new String(ModelJson.write(new Model(Network.build(SPEC), null, names)),
        StandardCharsets.UTF_8);
    assertEquals(names, read(json).names());
    // format 1 had no 'data': such a file reads with no names rather than failing
    String format1 = json.replace("\"format\" : 2", "\"format\" : 1")
        .replaceAll("(?s),\\s*\"data\" : \\{.*?\\}", "");
    assertEquals(DataNames.NONE, read(format1).names());
    // format 2 without 'data' is a damaged file
    assertEquals("'data' must be an object with the features', targets' and classes' names",
        error(format1.replace("\"format\" : 1", "\"format\" : 2")));
  }

  @Test
  void aFieldOfALaterFormatIsRefusedInAnEarlierOne() throws IOException {
    String json = new String(ModelJson.write(new Model(Network.build(SPEC), null)),
        StandardCharsets.UTF_8);
    // a format-2 file that declares float32 (a format-3 field) was read as float32
    assertEquals("'precision' belongs to model file format 3 and later, but the file declares "
        + "format 2", error(json.replace("\"format\" : 2,",
            "\"format\" : 2, \"precision\" : \"float32\",")));
    assertEquals("'columns' belongs to model file format 4 and later, but the file declares "
        + "format 2", error(json.replace("\"format\" : 2,",
            "\"format\" : 2, \"columns\" : [],")));
    assertEquals("'data' belongs to model file format 2 and later, but the file declares format "
        + "1", error(json.replace("\"format\" : 2", "\"format\" : 1")));
  }

  @Test
  void everyBadFieldIsNamed() throws IOException {
    String good = json(null);
    assertEquals("model.json is not a JSON object", error("[1, 2]"));
    assertEquals("'format' must be an integer in 1..2147483647, got null",
        error(good.replace("\"format\" : 2,", "")));
    assertEquals("'sizes'[1] must be a positive integer, got 0",
        error(good.replace("\"sizes\" : [ 2, 3, 1 ]", "\"sizes\" : [ 2, 0, 1 ]")));
    assertEquals("'activations' and 'dropout' need 2 entries (one per layer after the input), "
        + "got 1 and 2", error(good.replace("\"leaky_relu(alpha=0.2)\", ", "")));
    assertEquals("'dropout'[1] must be in [0, 1) (0 for the output layer), got 0.5",
        error(good.replace("\"dropout\" : [ 0.25, 0.0 ]", "\"dropout\" : [ 0.25, 0.5 ]")));
    assertEquals("'activations[0]' must be a plugin spec string",
        error(good.replace("\"leaky_relu(alpha=0.2)\"", "7")));
    assertEquals("'data' must be an object with the features', targets' and classes' names",
        error(good.replace("\"data\" :", "\"nodata\" :")));
    assertEquals("'data.classes' must be an array of names",
        error(good.replace("\"classes\" : [ ]", "\"classes\" : \"a,b\"")));
    assertEquals("'data.features'[1] must be a string, got 2",
        error(good.replace("\"features\" : [ ]", "\"features\" : [ \"x\", 2 ]")));
    assertEquals("'data': feature name 'x' appears twice",
        error(good.replace("\"features\" : [ ]", "\"features\" : [ \"x\", \"x\" ]")));
    assertEquals("'data': class name 2 is empty",
        error(good.replace("\"classes\" : [ ]", "\"classes\" : [ \"a\", \"\" ]")));
    assertEquals("'scaler.shift' must be an array of 2 numbers", error(good.replace(
        "\"scaler\" : null", "\"scaler\" : {\"kind\" : \"standard\", \"shift\" : [1], "
            + "\"scale\" : [1, 1]}")));
    assertEquals("layer sizes [100000, 100000, 100000] need 20000200000 parameters, more than "
        + "one network holds", error(good.replace("\"sizes\" : [ 2, 3, 1 ]",
            "\"sizes\" : [ 100000, 100000, 100000 ]")));
  }
}
