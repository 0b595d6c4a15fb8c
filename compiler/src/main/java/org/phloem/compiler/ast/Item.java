package org.phloem.compiler.ast;

/** What a file (or a block) is made of: declarations, statements and includes. */
public sealed interface Item extends Node permits Decl, Stmt, Include {}
