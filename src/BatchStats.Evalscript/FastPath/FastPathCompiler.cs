using Acornima;
using Acornima.Ast;

namespace BatchStats.Evalscript.FastPath;

/// <summary>
/// Recognises scripts whose <c>evaluatePixel</c> only computes pure arithmetic of band values
/// (<c>+ − × ÷ **</c>, unary minus, numeric literals, <c>index(a, b)</c>, <c>Math.abs/sqrt/floor/ceil/round/sign/
/// min/max/pow/PI/E</c>, comparisons, <c>&amp;&amp; || !</c>, <c>test ? a : b</c>, <c>[3, 8].includes(x)</c> /
/// <c>.indexOf(x)</c> on literal number arrays), read as <c>samples.X</c>, through a destructuring parameter or
/// declaration, through single-assignment locals, or through top-level number / number-array constants, and
/// returns <c>{ id: [...] }</c> on every path (<c>if</c>/<c>else</c> branches become per-pixel selects).
/// Anything else → null, and the script runs on Jint. The operations and their order are exactly those of the
/// AST, in double precision, so results are bit-identical to the interpreter.
/// </summary>
internal static class FastPathCompiler
{
    public static FastPathProgram? TryCompile(Script program, EvalscriptSetup setup, out string? reason)
    {
        try
        {
            var result = Compile(program, setup);
            reason = null;
            return result;
        }
        catch (NotFastException ex)
        {
            reason = ex.Message;
            return null;
        }
    }

    private static FastPathProgram Compile(Script program, EvalscriptSetup setup)
    {
        if (setup.Mosaicking != MosaickingMode.Simple)
        {
            throw new NotFastException($"{setup.Mosaicking} mosaicking");
        }

        FunctionDeclaration? evaluatePixel = null;
        var scope = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var statement in program.Body)
        {
            if (statement is VariableDeclaration topLevel)
            {
                // Only numeric constants and arrays of them: nothing else runs at top level, and evaluatePixel can
                // only read them (includes/indexOf), so they keep their value on every pixel.
                DeclareTopLevel(topLevel, scope);
                continue;
            }

            if (statement is not FunctionDeclaration { Id: { } id } f)
            {
                // Top-level code could define globals the expression reads or shadow helpers.
                throw new NotFastException($"top-level {statement.Type} statement");
            }

            switch (id.Name)
            {
                case "setup":
                    break;
                case "evaluatePixel":
                    evaluatePixel = f;
                    break;
                case "updateOutput":
                case "preProcessScenes":
                    throw new NotFastException($"declares {id.Name}");
                case "updateOutputMetadata":
                    if (f.Body.Body.Count > 0)
                    {
                        throw new NotFastException("updateOutputMetadata has a body");
                    }

                    break;
                default:
                    // Any helper (or a redefinition of index) makes the script non-trivial.
                    throw new NotFastException($"declares function {id.Name}");
            }
        }

        if (evaluatePixel is null || evaluatePixel.Generator || evaluatePixel.Async)
        {
            throw new NotFastException("no plain evaluatePixel");
        }

        var inputBands = setup.InputBands.Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
        string? samplesName = null;
        if (evaluatePixel.Params.Count > 0)
        {
            switch (evaluatePixel.Params[0])
            {
                case Identifier p:
                    CheckNotReserved(p.Name);
                    samplesName = p.Name;
                    scope.Remove(p.Name); // a parameter shadows a top-level constant
                    break;
                case ObjectPattern pattern:
                    Destructure(pattern, scope, inputBands, shadowGlobals: true);
                    break;
                default:
                    throw new NotFastException("unsupported evaluatePixel parameter");
            }
        }

        for (var i = 1; i < evaluatePixel.Params.Count; i++)
        {
            if (evaluatePixel.Params[i] is not Identifier other)
            {
                throw new NotFastException("unsupported evaluatePixel parameter");
            }

            // scenes, inputMetadata, … are never read here, but they must not hide a name the expressions use
            // (sloppy mode allows evaluatePixel(s, s), where s is then the second argument).
            CheckNotReserved(other.Name);
            if (other.Name == samplesName)
            {
                throw new NotFastException($"parameter {other.Name} repeated");
            }

            scope.Remove(other.Name);
        }

        var all = setup.Outputs.Append(setup.DataMask).ToArray();
        var context = new Context(samplesName, inputBands, all);
        var expressions = context.Block(evaluatePixel.Body.Body, scope, functionLevel: true);

        var sampleBandIndex = setup.SampleBands.Select((b, i) => (b.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var programs = expressions.Select(bands => bands.Select(e => Postfix.Emit(e, sampleBandIndex)).ToArray()).ToArray();
        return new FastPathProgram(programs, all.Select(o => o.SampleType).ToArray(),
            string.Join("; ", all.Select((o, i) => $"{o.Id}=[{string.Join(", ", expressions[i].Select(e => e.ToString()))}]")));
    }

    /// <summary>Globals the expressions read by name; a local, parameter or constant with one of these names would change their meaning.</summary>
    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal) { "index", "Math", "NaN", "Infinity", "undefined" };

    private static void CheckNotReserved(string name)
    {
        if (s_reserved.Contains(name))
        {
            throw new NotFastException($"'{name}' is redefined");
        }
    }

    private static void DeclareTopLevel(VariableDeclaration declaration, Dictionary<string, object> scope)
    {
        foreach (var d in declaration.Declarations)
        {
            if (d.Id is not Identifier name || d.Init is null)
            {
                throw new NotFastException("unsupported top-level declaration");
            }

            CheckNotReserved(name.Name);
            object value = d.Init switch
            {
                ArrayExpression array => array.Elements.Select(e => NumberLiteral(e) ?? throw new NotFastException($"top-level array {name.Name} holds something other than number literals")).ToArray(),
                _ => NumberLiteral(d.Init) is { } number ? new Expr.Constant(number) : throw new NotFastException($"top-level {name.Name} is not a number or an array of number literals"),
            };
            if (!scope.TryAdd(name.Name, value))
            {
                throw new NotFastException($"top-level {name.Name} declared twice");
            }
        }
    }

    /// <summary>A numeric literal, optionally negated (<c>-1</c> is a unary minus in the AST).</summary>
    private static double? NumberLiteral(Node? node) => node switch
    {
        NumericLiteral n => n.Value,
        UnaryExpression { Operator: Operator.UnaryNegation, Argument: NumericLiteral n } => -n.Value,
        _ => null,
    };

    private static void Destructure(ObjectPattern pattern, Dictionary<string, object> scope, HashSet<string> inputBands, bool shadowGlobals)
    {
        foreach (var node in pattern.Properties)
        {
            if (node is not AssignmentProperty { Computed: false, Key: Identifier key, Value: Identifier local })
            {
                throw new NotFastException("unsupported destructuring");
            }

            CheckNotReserved(local.Name);
            if (shadowGlobals)
            {
                scope.Remove(local.Name);
            }

            if (!inputBands.Contains(key.Name) || !scope.TryAdd(local.Name, new Expr.Band(key.Name)))
            {
                throw new NotFastException($"destructured '{key.Name}' is not a requested band or is repeated");
            }
        }
    }

    /// <summary>Builds expressions from statements, in the order JavaScript evaluates them.</summary>
    private sealed class Context(string? samplesName, HashSet<string> inputBands, EvalscriptOutput[] outputs)
    {
        /// <summary>
        /// The outputs a statement list returns, per output and band. Declarations bind names; <c>if</c> statements
        /// whose branches return become per-pixel selects (both sides are pure, so computing both is unobservable).
        /// </summary>
        public Expr[][] Block(IReadOnlyList<Statement> statements, Dictionary<string, object> scope, bool functionLevel)
        {
            for (var i = 0; i < statements.Count; i++)
            {
                switch (statements[i])
                {
                    case EmptyStatement:
                        break;
                    case VariableDeclaration declaration:
                        Declare(declaration, scope, functionLevel);
                        break;
                    case ReturnStatement { Argument: ObjectExpression returned }:
                        RejectUnreachable(statements, i);
                        return Return(returned, scope);
                    case IfStatement branch:
                        var test = BuildTest(branch.Test, scope);
                        var then = Branch(branch.Consequent, scope);
                        Expr[][] otherwise;
                        if (branch.Alternate is { } alternate)
                        {
                            RejectUnreachable(statements, i);
                            otherwise = Branch(alternate, scope);
                        }
                        else
                        {
                            otherwise = Block([.. statements.Skip(i + 1)], scope, functionLevel);
                        }

                        return then.Select((bands, o) => bands.Select((e, b) => (Expr)new Expr.Conditional(test, e, otherwise[o][b])).ToArray()).ToArray();
                    default:
                        throw new NotFastException($"statement {statements[i].Type} in evaluatePixel");
                }
            }

            // Falling off the end returns undefined: the interpreter's error, not ours to reproduce.
            throw new NotFastException("evaluatePixel does not end with 'return {…}' on every path");
        }

        private static void RejectUnreachable(IReadOnlyList<Statement> statements, int at)
        {
            if (statements.Skip(at + 1).Any(s => s is not EmptyStatement))
            {
                // Dead code may still declare hoisted functions/vars; not worth modelling.
                throw new NotFastException("statements after a return");
            }
        }

        /// <summary>A branch gets its own block scope; its declarations are invisible after the if.</summary>
        private Expr[][] Branch(Statement statement, Dictionary<string, object> scope) =>
            Block(statement is BlockStatement block ? block.Body : [statement], new Dictionary<string, object>(scope, StringComparer.Ordinal), functionLevel: false);

        private void Declare(VariableDeclaration declaration, Dictionary<string, object> scope, bool functionLevel)
        {
            if (declaration.Kind is not (VariableDeclarationKind.Const or VariableDeclarationKind.Let or VariableDeclarationKind.Var)
                || (declaration.Kind == VariableDeclarationKind.Var && !functionLevel))
            {
                // A var in a block is hoisted to the function; modelling that is not worth it.
                throw new NotFastException($"{declaration.Kind} declaration in a block");
            }

            foreach (var d in declaration.Declarations)
            {
                if (d.Init is null)
                {
                    throw new NotFastException("uninitialised variable");
                }

                if (d.Id is Identifier name)
                {
                    CheckNotReserved(name.Name);
                    if (scope.ContainsKey(name.Name) || name.Name == samplesName)
                    {
                        // Also rejects shadowing an outer name, which is legal but easy to get wrong here.
                        throw new NotFastException($"variable {name.Name} redeclared");
                    }

                    scope[name.Name] = Build(d.Init, scope);
                }
                else if (d.Id is ObjectPattern pattern && d.Init is Identifier source && source.Name == samplesName && samplesName is not null)
                {
                    Destructure(pattern, scope, inputBands, shadowGlobals: false);
                }
                else
                {
                    throw new NotFastException("unsupported declaration");
                }
            }
        }

        private Expr[][] Return(ObjectExpression returned, Dictionary<string, object> scope)
        {
            var expressions = new Expr[outputs.Length][];
            foreach (var node in returned.Properties)
            {
                if (node is not Property { Computed: false, Kind: PropertyKind.Init, Method: false } property)
                {
                    throw new NotFastException("unsupported property in the returned object");
                }

                var key = property.Key switch
                {
                    Identifier k => k.Name,
                    StringLiteral s => s.Value,
                    _ => throw new NotFastException("unsupported key in the returned object"),
                };
                var index = Array.FindIndex(outputs, o => o.Id == key);
                if (index < 0 || expressions[index] is not null)
                {
                    throw new NotFastException($"returned key '{key}' is not a declared output or is repeated");
                }

                if (property.Value is not ArrayExpression array || array.Elements.Count != outputs[index].BandCount)
                {
                    // Wrong lengths must produce the interpreter's EXECUTION_ERROR.
                    throw new NotFastException($"output '{key}' is not an array of its band count");
                }

                expressions[index] = array.Elements.Select(e => e is Expression ex and not SpreadElement ? Build(ex, scope) : throw new NotFastException("array hole or spread")).ToArray();
            }

            if (expressions.Any(e => e is null))
            {
                throw new NotFastException("an output is missing from the returned object");
            }

            return expressions;
        }

        public Expr Build(Node node, Dictionary<string, object> scope) => node switch
        {
            NumericLiteral n => new Expr.Constant(n.Value),
            Identifier id when scope.TryGetValue(id.Name, out var bound) =>
                bound as Expr ?? throw new NotFastException($"array {id.Name} used as a value"),
            Identifier { Name: "NaN" } => new Expr.Constant(double.NaN),
            Identifier { Name: "Infinity" } => new Expr.Constant(double.PositiveInfinity),
            MemberExpression { Computed: false, Optional: false, Object: Identifier { Name: "Math" }, Property: Identifier constant } => constant.Name switch
            {
                "PI" => new Expr.Constant(Math.PI),
                "E" => new Expr.Constant(Math.E),
                _ => throw new NotFastException($"Math.{constant.Name} is not supported"),
            },
            MemberExpression { Computed: false, Optional: false, Object: Identifier obj, Property: Identifier prop } when obj.Name == samplesName && samplesName is not null =>
                inputBands.Contains(prop.Name) ? new Expr.Band(prop.Name) : throw new NotFastException($"samples.{prop.Name} is not a requested band"),
            UnaryExpression { Operator: Operator.UnaryNegation } u => new Expr.Negate(Build(u.Argument, scope)),
            UnaryExpression { Operator: Operator.UnaryPlus } u => AsNumber(Build(u.Argument, scope)),
            UnaryExpression { Operator: Operator.LogicalNot } u => new Expr.FromTest(new Test.Not(BuildTest(u.Argument, scope))),
            BinaryExpression b when Binary(b.Operator) is { } op => new Expr.Binary(op, Build(b.Left, scope), Build(b.Right, scope)),
            BinaryExpression b when Comparison(b.Operator) is not null => new Expr.FromTest(Compare(b, scope)),
            // a && b is a when a is falsy, else b (a value, not a boolean, unless both are booleans).
            LogicalExpression { Operator: Operator.LogicalAnd } l => Select(l.Left, l.Right, l.Left, scope),
            LogicalExpression { Operator: Operator.LogicalOr } l => Select(l.Left, l.Left, l.Right, scope),
            CallExpression { Optional: false, Callee: Identifier { Name: "index" }, Arguments.Count: 2 } c =>
                new Expr.Index(Build(c.Arguments[0], scope), Build(c.Arguments[1], scope)),
            CallExpression { Optional: false, Callee: MemberExpression { Computed: false, Optional: false, Object: Identifier { Name: "Math" }, Property: Identifier fn } } c =>
                MathCall(fn.Name, c.Arguments, scope),
            CallExpression { Optional: false, Callee: MemberExpression { Computed: false, Optional: false, Property: Identifier { Name: "includes" or "indexOf" } method } callee, Arguments.Count: 1 } c =>
                ArraySearch(callee.Object, method.Name, c.Arguments[0], scope),
            ConditionalExpression c => new Expr.Conditional(BuildTest(c.Test, scope), Build(c.Consequent, scope), Build(c.Alternate, scope)),
            _ => throw new NotFastException($"unsupported expression {node.Type}"),
        };

        private Expr Select(Node test, Node then, Node otherwise, Dictionary<string, object> scope) =>
            new Expr.Conditional(BuildTest(test, scope), Build(then, scope), Build(otherwise, scope));

        private Expr MathCall(string name, IReadOnlyList<Node> arguments, Dictionary<string, object> scope)
        {
            if (arguments.Any(a => a is SpreadElement))
            {
                throw new NotFastException("spread argument");
            }

            var args = arguments.Select(a => Build(a, scope)).ToArray();
            OpCode? unary = name switch
            {
                "abs" => OpCode.Abs,
                "sqrt" => OpCode.Sqrt,
                "floor" => OpCode.Floor,
                "ceil" => OpCode.Ceil,
                "round" => OpCode.Round,
                "sign" => OpCode.Sign,
                _ => null,
            };
            if (unary is { } op)
            {
                return args.Length == 1 ? new Expr.MathUnary(op, args[0]) : throw new NotFastException($"Math.{name} with {args.Length} arguments");
            }

            switch (name)
            {
                case "min" or "max":
                    var fold = name == "min" ? OpCode.Min : OpCode.Max;
                    return args.Length switch
                    {
                        0 => new Expr.Constant(name == "min" ? double.PositiveInfinity : double.NegativeInfinity),
                        1 => AsNumber(args[0]),
                        _ => args.Skip(1).Aggregate(args[0], (acc, next) => new Expr.Binary(fold, acc, next)),
                    };
                case "pow" when args.Length == 2:
                    return new Expr.Binary(OpCode.Pow, args[0], args[1]);
                default:
                    throw new NotFastException($"Math.{name} with {args.Length} arguments is not supported");
            }
        }

        /// <summary>
        /// <c>[3, 8, 9].includes(x)</c> / <c>.indexOf(x)</c> on a literal array of numbers (inline or a top-level
        /// constant): a chain of equalities. Numbers only, so SameValueZero (includes) and === (indexOf) are both IEEE
        /// equality; the literals are never NaN.
        /// </summary>
        private Expr ArraySearch(Node target, string method, Node argument, Dictionary<string, object> scope)
        {
            var values = target switch
            {
                ArrayExpression array => array.Elements.Select(e => NumberLiteral(e) ?? throw new NotFastException($"{method} on an array that is not all number literals")).ToArray(),
                Identifier id when scope.TryGetValue(id.Name, out var bound) && bound is double[] constant => constant,
                _ => throw new NotFastException($"{method} on something other than a constant array of numbers"),
            };
            var x = Build(argument, scope);
            if (values.Length == 0 || Kind(x) != ValueKind.Number)
            {
                throw new NotFastException($"{method} of an empty array or a boolean");
            }

            return method == "includes" ? new Expr.FromTest(new Test.InSet(x, values)) : new Expr.IndexOf(x, values);
        }

        /// <summary>A condition: comparisons, <c>&amp;&amp; || !</c>, or any value (JavaScript truthiness).</summary>
        private Test BuildTest(Node node, Dictionary<string, object> scope) => node switch
        {
            BinaryExpression b when Comparison(b.Operator) is not null => Compare(b, scope),
            LogicalExpression { Operator: Operator.LogicalAnd } l => new Test.Logical(OpCode.And, BuildTest(l.Left, scope), BuildTest(l.Right, scope)),
            LogicalExpression { Operator: Operator.LogicalOr } l => new Test.Logical(OpCode.Or, BuildTest(l.Left, scope), BuildTest(l.Right, scope)),
            UnaryExpression { Operator: Operator.LogicalNot } u => new Test.Not(BuildTest(u.Argument, scope)),
            _ => Build(node, scope) switch
            {
                Expr.FromTest boolean => boolean.Test,
                var value => new Test.Truthy(value),
            },
        };

        /// <summary>
        /// Numbers compare as IEEE doubles. Two booleans compare as 0/1 under every operator. A boolean against a
        /// number converts the boolean for == != &lt; &lt;= &gt; &gt;=, but is never === to it: rejected, as is any
        /// operand that is a number on some pixels and a boolean on others.
        /// </summary>
        private Test Compare(BinaryExpression b, Dictionary<string, object> scope)
        {
            var left = Build(b.Left, scope);
            var right = Build(b.Right, scope);
            var (l, r) = (Kind(left), Kind(right));
            var strict = b.Operator is Operator.StrictEquality or Operator.StrictInequality;
            if (l == ValueKind.Mixed || r == ValueKind.Mixed || (l != r && strict))
            {
                throw new NotFastException("comparison between a boolean and a number");
            }

            return new Test.Compare(Comparison(b.Operator)!.Value, left, right);
        }

        private enum ValueKind
        {
            Number,
            Boolean,
            Mixed,
        }

        private static ValueKind Kind(Expr e) => e switch
        {
            Expr.FromTest => ValueKind.Boolean,
            Expr.Conditional c when Kind(c.Then) is var t && t == Kind(c.Otherwise) => t,
            Expr.Conditional => ValueKind.Mixed,
            _ => ValueKind.Number,
        };

        /// <summary>ToNumber: a boolean (1.0/0.0) becomes a number of the same value; ×1 is exact for every double.</summary>
        private static Expr AsNumber(Expr e) => Kind(e) == ValueKind.Number ? e : new Expr.Binary(OpCode.Multiply, e, new Expr.Constant(1));

        // Operands are numbers or booleans (see Compare), so loose and strict equality agree where both are allowed.
        private static OpCode? Comparison(Operator op) => op switch
        {
            Operator.StrictEquality or Operator.Equality => OpCode.Equal,
            Operator.StrictInequality or Operator.Inequality => OpCode.NotEqual,
            Operator.LessThan => OpCode.Less,
            Operator.LessThanOrEqual => OpCode.LessEqual,
            Operator.GreaterThan => OpCode.Greater,
            Operator.GreaterThanOrEqual => OpCode.GreaterEqual,
            _ => null,
        };

        private static OpCode? Binary(Operator op) => op switch
        {
            Operator.Addition => OpCode.Add,
            Operator.Subtraction => OpCode.Subtract,
            Operator.Multiplication => OpCode.Multiply,
            Operator.Division => OpCode.Divide,
            Operator.Exponentiation => OpCode.Pow,
            _ => null,
        };
    }

    private sealed class NotFastException(string message) : Exception(message);
}
