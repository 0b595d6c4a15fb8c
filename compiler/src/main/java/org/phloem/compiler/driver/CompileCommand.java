package org.phloem.compiler.driver;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.TraceClassVisitor;
import org.phloem.compiler.ir.IrPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phloem compile MODEL [--emit STAGE]}: checks and compiles, printing the stage asked for. */
@Command(name = "compile", mixinStandardHelpOptions = true,
    description = "Check and compile a model; print a stage of the compiler with --emit.")
final class CompileCommand implements Callable<Integer> {

  /** The stages that can be printed. */
  enum Stage { none, ast, ir, tangent_ir, adjoint_ir, hessian_ir, bytecode }

  @Parameters(index = "0", paramLabel = "MODEL", description = "the model file (.phl)")
  Path model;

  @Option(names = "--emit", paramLabel = "STAGE", converter = StageConverter.class,
      description = "print a stage: ast, ir, tangent-ir, adjoint-ir, hessian-ir or bytecode")
  Stage emit = Stage.none;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    Compilation c = Pipeline.compile(model, true);
    double millis = (System.nanoTime() - start) / 1e6;
    switch (emit) {
      case ast: System.out.print(org.phloem.compiler.ast.AstPrinter.print(c.checked().items())); break;
      case ir: System.out.print(IrPrinter.print(c.forward().function("forward"))); break;
      case tangent_ir: System.out.print(IrPrinter.print(c.program().function("tangent"))); break;
      case adjoint_ir: System.out.print(IrPrinter.print(c.program().function("gradient"))); break;
      case hessian_ir: System.out.print(IrPrinter.print(c.program().function("hessianVector"))); break;
      case bytecode: System.out.print(textify(c.loaded().bytes())); break;
      default:
        System.out.printf("%s: model '%s' compiled (forward, tangent, adjoint, Hessian-vector) in %.0f ms; %d parameters declared%n",
            model, c.forward().name(), millis, c.forward().params().size());
    }
    return 0;
  }

  private static String textify(byte[] bytes) {
    StringWriter text = new StringWriter();
    new ClassReader(bytes).accept(new TraceClassVisitor(new PrintWriter(text)), 0);
    return text.toString();
  }

  /** Accepts the stage names with dashes, as the help text writes them. */
  static final class StageConverter implements picocli.CommandLine.ITypeConverter<Stage> {
    @Override
    public Stage convert(String value) {
      try {
        return Stage.valueOf(value.replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a stage; expected one of ast, ir, tangent-ir, adjoint-ir, hessian-ir, bytecode");
      }
    }
  }
}
