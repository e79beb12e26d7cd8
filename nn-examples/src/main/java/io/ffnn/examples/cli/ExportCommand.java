package io.ffnn.examples.cli;

import io.ffnn.core.data.ColumnEncoding;
import io.ffnn.core.model.Model;
import io.ffnn.core.model.ModelFile;
import io.ffnn.onnx.OnnxExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ffnn export}: a saved model as an ONNX model. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a saved model as a standard ONNX model for ONNX Runtime (the lowest "
        + "opset its operators need).")
class ExportCommand implements Callable<Integer> {

  @CommandLine.ParentCommand
  Cli cli;

  @CommandLine.Mixin CommonOptions.ModelPath model;

  @Option(names = "--onnx", required = true, paramLabel = "FILE",
      description = "The ONNX file to write; replaced if it exists.") Path onnx;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Outputs.requireWritableFile(spec.commandLine(), "--onnx", onnx, "--model", model.model);
    Model m = ModelFile.load(model.model);
    OnnxExport.write(m, onnx);
    String inputs = m.encoding() == null
        ? "input '" + OnnxExport.INPUT + "' [N, " + m.network().size(0) + "]"
        : "an input [N, 1] per column, " + Cli.printable(m.encoding().columns().stream()
            .map(c -> "'" + c.name() + "' " + (c instanceof ColumnEncoding.Categorical
                ? "(string)" : "(number)")).collect(java.util.stream.Collectors.joining(", ")));
    cli.out.println("exported " + model.model + " to " + onnx + " (" + m.network().precision()
        + " tensors, " + inputs + ", output '" + OnnxExport.OUTPUT + "' [N, "
        + m.network().size(m.network().depth()) + "])");
    return 0;
  }
}
