package org.phloem.compiler.ast;

/** A statement; statements run in file order. */
public sealed interface Stmt extends Item
    permits ForStmt, AssignStmt, LetStmt, IfStmt, ObserveStmt, ReturnStmt {}
