package io.ffnn.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory, a pipe or a device is refused by name: a pipe blocked the readers for ever. */
class NonRegularFilesTest {

  @TempDir
  Path dir;

  private List<Path> nonRegular() throws Exception {
    List<Path> paths = new ArrayList<>(List.of(Files.createDirectory(dir.resolve("d.csv"))));
    Path fifo = dir.resolve("pipe.csv");
    try {
      if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
        paths.add(fifo);
      }
    } catch (IOException noMkfifo) {
      // the other cases stand for it
    }
    if (Files.exists(Path.of("/dev/zero"))) {
      paths.add(Path.of("/dev/zero"));
    }
    return paths;
  }

  @Test
  void csvAndIdxReadersRefuseDirectoriesPipesAndDevices() throws Exception {
    for (Path p : nonRegular()) {
      String expected = p + ": not a regular file (a directory, a pipe or a device); data are "
          + "read from files";
      assertEquals(expected, assertThrows(DataFormatException.class,
          () -> Csv.read(p, CsvFormat.labelColumn("y"))).getMessage());
      assertEquals(expected, assertThrows(DataFormatException.class,
          () -> Idx.readImages(p)).getMessage());
    }
  }
}
