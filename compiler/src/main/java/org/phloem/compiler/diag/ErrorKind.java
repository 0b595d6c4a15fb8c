package org.phloem.compiler.diag;

import java.util.Locale;

/**
 * Every kind of error the front end reports, each with its own message template ({@link
 * String#format} style). Kinds whose message is assembled elsewhere (syntax errors, unit mismatches)
 * take the whole message as their single argument.
 */
public enum ErrorKind {
  // ---- reading and syntax
  SYNTAX("%s"),
  UNEXPECTED_CHARACTER("Unexpected character '%s'."),
  UNCLOSED_STRING("This string is not closed before the end of the line."),
  UNCLOSED_COMMENT("This comment is not closed: a '/*' needs a matching '*/'."),
  MISPLACED_DECLARATION("A '%s' declaration must be at the top level of the file, not inside a block."),
  CLAUSE_NOT_ALLOWED("%s cannot be given for %s '%s'."),
  DUPLICATE_CLAUSE("%s is given twice for '%s'."),
  CHAINED_COMPARISON("Comparisons cannot be chained; write 'a < b && b < c' instead."),
  BAD_NUMBER("'%s' is not a number Phloem can represent."),
  NESTED_TOO_DEEPLY("This is nested %d levels deep in brackets and blocks; Phloem allows at most %d. Name the inner parts with 'let' or a fn."),
  TOO_COMPLEX("%s"),

  // ---- files and includes
  CANNOT_READ("Cannot read '%s': %s."),
  INCLUDE_NOT_FOUND("Cannot find the included file '%s'."),
  INCLUDE_ESCAPES_FOLDER("The included file '%s' lies outside the model's folder; includes must stay inside '%s'."),
  INCLUDE_CYCLE("Include cycle: %s."),
  INCLUDE_WITHOUT_FOLDER("Cannot include '%s': this model text was not read from a folder."),
  DATA_PATH_REFUSED("Refused: %s. Data paths are relative to the data folder (--data) and stay inside it."),
  MODEL_IN_INCLUDE("'model' can only be declared in the main model file, not in an included file."),
  MISSING_MODEL("This file has no 'model' declaration; start it with e.g. 'model my_model \"what it is\"'."),
  DUPLICATE_MODEL("A model file has exactly one 'model' declaration; the first is on line %d."),

  // ---- names
  UNKNOWN_NAME("Unknown name '%s'."),
  UNKNOWN_DIM("Unknown dimension '%s'."),
  NOT_A_DIM("'%s' is %s, not a dimension."),
  DIM_AS_VALUE("'%s' is a dimension, not a value; loop over it ('for i in %s') or use 'size(%s)'."),
  FN_AS_VALUE("'%s' is a fn; call it with its arguments, e.g. '%s(...)'."),
  TABLE_AS_VALUE("'%s' is a data table, not a value."),
  DUPLICATE_DECLARATION("'%s' is already declared on line %d%s."),
  DUPLICATE_LET("'%s' is already defined in this block, on line %d."),
  BUILTIN_NAME("'%s' is the name of a built-in function; choose another name."),
  UNKNOWN_TABLE("Unknown data table '%s'."),
  BAD_TABLE_NAME("The file name gives the table name '%s', which is not a valid name; name the table: 'data my_table = \"%s\"'."),
  ROW_CONDITION_TERM("A row condition compares the table's columns with numbers, e.g. 'year >= 2005 && year <= 2007'; %s cannot be used in it."),
  ROW_CONDITION_NOT_BOOLEAN("%s must be true or false, e.g. 'year >= 2005'; this is a number."),
  ROW_CONDITION_NOT_NUMBER("%s takes numbers; this is a true/false condition."),
  WHERE_ON_NETCDF("'where' selects rows of a CSV table; '%s' is a NetCDF file."),
  ALONG_ON_CSV("'along' joins a series of NetCDF files; '%s' is not a NetCDF file (.nc)."),
  SERIES_WITHOUT_ALONG("The path '%s' names a series of files; say which dimension joins them, e.g. 'along time'."),
  ALONG_WITHOUT_SERIES("'along %s' joins a series of files, but '%s' names one file; write the varying part as a range, e.g. \"x_{1980..2003}.nc\"."),

  // ---- indexing
  WRONG_INDEX_COUNT("'%s' has %s, but %d %s given."),
  WRONG_DIMENSION_INDEX("Index from the wrong dimension: '%s' runs over '%s', but dimension %d of '%s' is '%s'."),
  INDEXING_SCALAR("'%s' is a scalar and cannot be indexed."),
  MISSING_INDICES("'%s' is an array over [%s]; use one element at a time, e.g. '%s[%s]'."),
  INDEX_OUT_OF_RANGE("Index %d is outside dim '%s' of '%s': %s."),
  INTEGER_OVERFLOW("'%s' is %s = %d, outside the integers Phloem computes indices and loop bounds with (%d to %d)."),
  INTEGER_TOO_LARGE("The integer %s is too large for %s: indices and range bounds lie within -%d to %d."),
  INDEX_NOT_INT("An index must be an integer, but this is %s."),

  // ---- assignment
  CANNOT_ASSIGN("Cannot assign to %s '%s'; only a state, var or output can be assigned."),
  ASSIGN_IN_FN("A fn cannot assign to '%s': fns are pure. Use 'let' for a local value."),

  // ---- types
  NOT_BOOL("%s must be true or false (a comparison such as 'x > 0'), but this is %s."),
  NOT_NUMBER("Expected a number here, but this is a true/false value."),
  NOT_INT("%s must be an integer, but this is %s."),
  REMAINDER_BY_ZERO("The divisor of '%%' is zero; the remainder of a division by zero is undefined."),

  // ---- functions
  UNKNOWN_FN("Unknown function '%s'."),
  NOT_A_FN("'%s' is %s, not a function."),
  WRONG_ARITY("'%s' takes %d argument%s, but %d %s given."),
  RECURSION("fn '%s' calls itself%s; recursion is not allowed."),
  MISSING_RETURN("fn '%s' does not end in 'return' on every path."),
  RETURN_OUTSIDE_FN("'return' can only be used inside a block fn."),
  STATEMENT_IN_FN("A fn body can only hold 'let', 'if' and 'return', not %s."),
  DUPLICATE_ARGUMENT("fn '%s' has two arguments named '%s'."),

  // ---- observe
  OBSERVE_NOT_TOP_LEVEL("'observe' must be at the top level of the file, not inside %s."),
  OBSERVE_RANGE_INDEX("An observe runs over dimensions; '%s' must be 'for %s in <dim>', not a range."),
  OBSERVE_UNKNOWN_DISTRIBUTION("'%s' is not a distribution 'observe' knows: write normal(OBSERVED, SD), lognormal(OBSERVED, SD_LOG) "
      + "or student_t(NU, OBSERVED, SD)."),
  OBSERVE_ARGUMENT_COUNT("%s takes %d arguments, as in %s, but %d %s given."),
  OBSERVE_NU("The degrees of freedom of student_t must be a positive number (4 is robust to outliers), but it is %s."),

  // ---- constants, dims, priors, initial values
  DIM_SIZE("The size of dim '%s' must be a positive integer constant, but %s."),
  NOT_CONSTANT("%s must be a constant; %s."),
  ARRAY_LENGTH("'%s' is over '%s' of size %d, but %d value%s given."),
  LIST_FOR_DATA_DIM("A list of values needs a dim of fixed size, but '%s' is over '%s', whose size comes from the data."),
  LIST_FOR_SCALAR("'%s' is a scalar; give one value, not a list."),
  LIST_FOR_MULTI_DIM("A list of values can only fill a 1-dimensional array; '%s' has %d dimensions."),
  BAD_PRIOR("%s"),

  // ---- units
  UNIT_SYNTAX("'%s' is not a unit Phloem can read: %s."),
  UNIT_MISMATCH("%s"),
  UNIT_NOT_DIMENSIONLESS("%s needs a dimensionless argument, but this is in '%s'.");

  private final String template;

  ErrorKind(String template) {
    this.template = template;
  }

  /** The message with {@code args} filled in. */
  public String format(Object... args) {
    return String.format(Locale.ROOT, template, args);
  }
}
