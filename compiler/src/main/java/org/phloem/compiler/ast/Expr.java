package org.phloem.compiler.ast;

/** An expression. */
public sealed interface Expr extends Node
    permits NumberLit, NameExpr, IndexExpr, CallExpr, SizeExpr, UnaryExpr, BinaryExpr, CondExpr,
        ReduceExpr {}
