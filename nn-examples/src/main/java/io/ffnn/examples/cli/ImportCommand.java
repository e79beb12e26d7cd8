package io.ffnn.examples.cli;

import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import io.ffnn.onnx.OnnxImport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ffnn import}: an ONNX model of a fully connected network as an ffnn model file. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Read an ONNX model of a fully connected network (from PyTorch, Keras or ffnn) "
        + "and save it as an ffnn model file.")
class ImportCommand implements Callable<Integer> {

  @CommandLine.ParentCommand
  Cli cli;

  @Option(names = "--onnx", required = true, paramLabel = "FILE",
      description = "The ONNX file to read.") Path onnx;

  @Option(names = "--save", required = true, paramLabel = "FILE",
      description = "The model file to write; replaced if it exists.") Path save;

  @Option(names = "--output", paramLabel = "softmax|sigmoid",
      description = "What the graph's raw outputs are: logits of a classifier trained with "
          + "cross-entropy (softmax: one class per example, cost cce; sigmoid: independent "
          + "labels, cost bce or multilabel_bce), which the model then ends in. Default: the "
          + "graph as it is.") String output;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OnnxImport.Output kind = null;
    if (output != null) {
      kind = switch (output) {
        case "softmax" -> OnnxImport.Output.SOFTMAX;
        case "sigmoid" -> OnnxImport.Output.SIGMOID;
        default -> throw new CommandLine.ParameterException(spec.commandLine(), "--output "
            + Cli.printable(output) + ": softmax or sigmoid");
      };
    }
    Outputs.requireWritableFile(spec.commandLine(), "--save", save, "--onnx", onnx);
    Model m;
    try {
      m = OnnxImport.read(onnx, kind);
      ModelFile.save(m, save);
    } catch (OutOfMemoryError e) {
      // the import's budget (OnnxImport.BYTES_PER_FILE_BYTE) passed, yet the heap could not
      // place an array as large as a layer: one line, and nothing saved (the save is atomic)
      throw new java.io.IOException(onnx + ": the heap ran out while importing it (the JVM's "
          + "maximum heap is " + Runtime.getRuntime().maxMemory() / 1_000_000 + " MB); run "
          + "with a larger -Xmx", e);
    }
    cli.out.println("imported " + onnx + ": " + m.network().spec() + "; saved to " + save);
    return 0;
  }
}
