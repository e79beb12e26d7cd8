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

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Outputs.requireWritableFile(spec.commandLine(), "--save", save, "--onnx", onnx);
    Model m = OnnxImport.read(onnx);
    ModelFile.save(m, save);
    cli.out.println("imported " + onnx + ": " + m.network().spec() + "; saved to " + save);
    return 0;
  }
}
