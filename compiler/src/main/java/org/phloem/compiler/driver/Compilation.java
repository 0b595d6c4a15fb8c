package org.phloem.compiler.driver;

import java.nio.file.Path;
import java.util.List;
import org.phloem.compiler.check.CfUnits;
import org.phloem.compiler.check.CheckedModel;
import org.phloem.compiler.codegen.LiteralsAsData;
import org.phloem.compiler.codegen.LoadedModel;
import org.phloem.compiler.diagnose.ModelSize;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.data.BindingCache;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.data.DataBinder;
import org.phloem.runtime.data.DataException;
import org.phloem.runtime.data.DimSpec;

/**
 * Everything one compilation produced: the checked AST, the forward IR, the full IR (with derivative
 * functions when asked for) and the loaded class.
 *
 * @param checked the checked model
 * @param forward the lowered forward program
 * @param program the program that was emitted (forward plus derivatives, or forward alone)
 * @param loaded the loaded class
 */
public record Compilation(CheckedModel checked, IrProgram forward, IrProgram program, LoadedModel loaded) {

  /** Binds the model's inputs from the data under {@code dataRoot} and returns a runnable model. */
  public CompiledModel bind(Path dataRoot) throws DataException {
    return bind(dataRoot, null);
  }

  /**
   * The same, taking the data from {@code cache} when neither the declarations nor the files changed
   * since it last bound them ({@code phloem watch}); null reads them.
   */
  CompiledModel bind(Path dataRoot, BindingCache cache) throws DataException {
    ModelLayout layout = loaded.layout();
    Activity.now("reading the data of model '" + layout.name() + "' from " + dataRoot);
    // the dim of watch's literals array (LiteralsAsData) is the code's, not the data's: its size differs
    // between the forward class and the class with derivatives, which share one binding
    List<DimSpec> dims = layout.dims().stream().filter(d -> !d.name().equals(LiteralsAsData.ARRAY)).toList();
    BoundData data;
    try {
      data = cache == null
          ? DataBinder.bind(dataRoot, layout.tables(), dims, layout.inputs(), DataBinder.DEFAULT_MAX_ELEMENTS, new CfUnits())
          : cache.bind(dataRoot, layout.tables(), dims, layout.inputs(), DataBinder.DEFAULT_MAX_ELEMENTS, new CfUnits());
    } catch (DataException refused) {
      throw TablesBesideTheModel.hint(refused, checked.mainFile().location(), dataRoot, layout.tables());
    }
    ModelSize.check(checked, layout, data); // before the model allocates its arrays
    RunningModels.register(layout, this);
    Activity.now("allocating the arrays of model '" + layout.name() + "'");
    CompiledModel model = loaded.bind(data);
    Activity.now("running model '" + layout.name() + "' (its arrays and the tape its gradient records)");
    return model;
  }
}
