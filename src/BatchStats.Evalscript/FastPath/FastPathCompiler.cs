using Acornima;
using Acornima.Ast;

namespace BatchStats.Evalscript.FastPath;

/// <summary>
/// Recognises scripts whose <c>evaluatePixel</c> only returns pure arithmetic of band values
/// (<c>+ − × ÷</c>, unary minus, numeric literals, <c>index(a, b)</c>, and <c>test ? a : b</c> whose test compares
/// numbers, e.g. the cloud mask <c>samples.CLM === 1 ? 0 : 1</c>), read as <c>samples.X</c>, through a
/// destructuring parameter or declaration, or through local constants. Anything else → null, and the
/// script runs on Jint. The operations and their order are exactly those of the AST, in double precision,
/// so results are bit-identical to the interpreter.
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
        foreach (var statement in program.Body)
        {
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
        var scope = new Dictionary<string, Expr>(StringComparer.Ordinal);
        string? samplesName = null;
        if (evaluatePixel.Params.Count > 0)
        {
            switch (evaluatePixel.Params[0])
            {
                case Identifier p:
                    samplesName = p.Name;
                    break;
                case ObjectPattern pattern:
                    Destructure(pattern, scope, inputBands);
                    break;
                default:
                    throw new NotFastException("unsupported evaluatePixel parameter");
            }
        }

        for (var i = 1; i < evaluatePixel.Params.Count; i++)
        {
            if (evaluatePixel.Params[i] is not Identifier)
            {
                throw new NotFastException("unsupported evaluatePixel parameter");
            }
        }

        var body = evaluatePixel.Body.Body;
        if (body.Count == 0 || body[^1] is not ReturnStatement { Argument: ObjectExpression returned })
        {
            throw new NotFastException("evaluatePixel does not end with 'return {…}'");
        }

        var context = new Context(samplesName, inputBands, scope);
        for (var i = 0; i < body.Count - 1; i++)
        {
            if (body[i] is not VariableDeclaration declaration)
            {
                throw new NotFastException($"statement {body[i].Type} in evaluatePixel");
            }

            foreach (var d in declaration.Declarations)
            {
                if (d.Init is null)
                {
                    throw new NotFastException("uninitialised variable");
                }

                if (d.Id is Identifier name)
                {
                    if (scope.ContainsKey(name.Name) || name.Name == samplesName)
                    {
                        throw new NotFastException($"variable {name.Name} redeclared");
                    }

                    scope[name.Name] = context.Build(d.Init);
                }
                else if (d.Id is ObjectPattern pattern && d.Init is Identifier source && source.Name == samplesName && samplesName is not null)
                {
                    Destructure(pattern, scope, inputBands);
                }
                else
                {
                    throw new NotFastException("unsupported declaration");
                }
            }
        }

        var all = setup.Outputs.Append(setup.DataMask).ToArray();
        var expressions = new Expr[all.Length][];
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
            var index = Array.FindIndex(all, o => o.Id == key);
            if (index < 0 || expressions[index] is not null)
            {
                throw new NotFastException($"returned key '{key}' is not a declared output or is repeated");
            }

            if (property.Value is not ArrayExpression array || array.Elements.Count != all[index].BandCount)
            {
                // Wrong lengths must produce the interpreter's EXECUTION_ERROR.
                throw new NotFastException($"output '{key}' is not an array of its band count");
            }

            expressions[index] = array.Elements.Select(e => e is Expression ex ? context.Build(ex) : throw new NotFastException("array hole or spread")).ToArray();
        }

        if (expressions.Any(e => e is null))
        {
            throw new NotFastException("an output is missing from the returned object");
        }

        var sampleBandIndex = setup.SampleBands.Select((b, i) => (b.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var programs = expressions.Select(bands => bands.Select(e => Postfix.Emit(e, sampleBandIndex)).ToArray()).ToArray();
        return new FastPathProgram(programs, all.Select(o => o.SampleType).ToArray(),
            string.Join("; ", all.Select((o, i) => $"{o.Id}=[{string.Join(", ", expressions[i].Select(e => e.ToString()))}]")));
    }

    private static void Destructure(ObjectPattern pattern, Dictionary<string, Expr> scope, HashSet<string> inputBands)
    {
        foreach (var node in pattern.Properties)
        {
            if (node is not AssignmentProperty { Computed: false, Key: Identifier key, Value: Identifier local })
            {
                throw new NotFastException("unsupported destructuring");
            }

            if (!inputBands.Contains(key.Name) || !scope.TryAdd(local.Name, new Expr.Band(key.Name)))
            {
                throw new NotFastException($"destructured '{key.Name}' is not a requested band or is repeated");
            }
        }
    }

    private sealed class Context(string? samplesName, HashSet<string> inputBands, Dictionary<string, Expr> scope)
    {
        public Expr Build(Node node) => node switch
        {
            NumericLiteral n => new Expr.Constant(n.Value),
            Identifier id when scope.TryGetValue(id.Name, out var bound) => bound,
            MemberExpression { Computed: false, Optional: false, Object: Identifier obj, Property: Identifier prop } when obj.Name == samplesName && samplesName is not null =>
                inputBands.Contains(prop.Name) ? new Expr.Band(prop.Name) : throw new NotFastException($"samples.{prop.Name} is not a requested band"),
            UnaryExpression { Operator: Operator.UnaryNegation } u => new Expr.Negate(Build(u.Argument)),
            UnaryExpression { Operator: Operator.UnaryPlus } u => Build(u.Argument),
            BinaryExpression b when Binary(b.Operator) is { } op => new Expr.Binary(op, Build(b.Left), Build(b.Right)),
            CallExpression { Optional: false, Callee: Identifier { Name: "index" }, Arguments.Count: 2 } c when c.Arguments.All(a => a is Expression and not SpreadElement) =>
                new Expr.Index(Build(c.Arguments[0]), Build(c.Arguments[1])),
            ConditionalExpression c => new Expr.Conditional(BuildTest(c.Test), Build(c.Consequent), Build(c.Alternate)),
            _ => throw new NotFastException($"unsupported expression {node.Type}"),
        };

        /// <summary>A condition: comparisons, <c>&amp;&amp; || !</c>, or any arithmetic value (JavaScript truthiness).</summary>
        private Test BuildTest(Node node) => node switch
        {
            BinaryExpression b when Comparison(b.Operator) is { } op => new Test.Compare(op, Build(b.Left), Build(b.Right)),
            LogicalExpression { Operator: Operator.LogicalAnd } l => new Test.Logical(OpCode.And, BuildTest(l.Left), BuildTest(l.Right)),
            LogicalExpression { Operator: Operator.LogicalOr } l => new Test.Logical(OpCode.Or, BuildTest(l.Left), BuildTest(l.Right)),
            UnaryExpression { Operator: Operator.LogicalNot } u => new Test.Not(BuildTest(u.Argument)),
            _ => new Test.Truthy(Build(node)),
        };

        // Operands are always numbers here (bands, numeric literals, arithmetic), so loose and strict equality agree.
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
            _ => null,
        };
    }

    private sealed class NotFastException(string message) : Exception(message);
}
