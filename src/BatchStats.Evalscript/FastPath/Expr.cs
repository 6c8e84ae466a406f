using System.Globalization;

namespace BatchStats.Evalscript.FastPath;

/// <summary>The arithmetic expression tree the fast path accepts.</summary>
internal abstract record Expr
{
    public sealed record Constant(double Value) : Expr
    {
        public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A requested input band, including <c>dataMask</c>.</summary>
    public sealed record Band(string Name) : Expr
    {
        public override string ToString() => Name;
    }

    public sealed record Negate(Expr Operand) : Expr
    {
        public override string ToString() => $"-({Operand})";
    }

    /// <summary>Arithmetic <c>+ − × ÷</c>, or the two-argument <c>Math.min</c>, <c>Math.max</c>, <c>Math.pow</c> / <c>**</c>.</summary>
    public sealed record Binary(OpCode Op, Expr Left, Expr Right) : Expr
    {
        public override string ToString() => Op switch
        {
            OpCode.Add => $"({Left} + {Right})",
            OpCode.Subtract => $"({Left} - {Right})",
            OpCode.Multiply => $"({Left} * {Right})",
            OpCode.Divide => $"({Left} / {Right})",
            _ => $"{Op.ToString().ToLowerInvariant()}({Left}, {Right})",
        };
    }

    /// <summary>A one-argument <c>Math</c> function: abs, sqrt, floor, ceil, round, sign.</summary>
    public sealed record MathUnary(OpCode Op, Expr Operand) : Expr
    {
        public override string ToString() => $"{Op.ToString().ToLowerInvariant()}({Operand})";
    }

    /// <summary><c>[v0, v1, …].indexOf(x)</c> on number literals: the first k with x === v_k, else −1.</summary>
    public sealed record IndexOf(Expr X, double[] Values) : Expr
    {
        public override string ToString() => $"[{string.Join(", ", Values)}].indexOf({X})";
    }

    /// <summary>
    /// A JavaScript boolean used as a value (a comparison, <c>!x</c>, a boolean local): held as exactly 1.0 / 0.0,
    /// which is ToNumber(true/false), the only way such a value reaches arithmetic or an output.
    /// </summary>
    public sealed record FromTest(Test Test) : Expr
    {
        public override string ToString() => $"bool{Test}";
    }

    /// <summary>The <c>index(x, y)</c> helper: <c>(x + y) == 0 ? 0 : (x − y) / (x + y)</c>.</summary>
    public sealed record Index(Expr X, Expr Y) : Expr
    {
        public override string ToString() => $"index({X}, {Y})";
    }

    /// <summary><c>test ? then : otherwise</c>; both branches are pure arithmetic, so computing both is unobservable.</summary>
    public sealed record Conditional(Test Test, Expr Then, Expr Otherwise) : Expr
    {
        public override string ToString() => $"({Test} ? {Then} : {Otherwise})";
    }
}

/// <summary>
/// A boolean that only ever appears as the test of a <see cref="Expr.Conditional"/> (never as an output value, where
/// JavaScript would return <c>true</c>/<c>false</c>): held as exactly 1.0 / 0.0 per pixel.
/// </summary>
internal abstract record Test
{
    /// <summary><c>=== !== == != &lt; &lt;= &gt; &gt;=</c> between numbers (IEEE: NaN compares unequal).</summary>
    public sealed record Compare(OpCode Op, Expr Left, Expr Right) : Test
    {
        public override string ToString() => $"({Left} {Op switch { OpCode.Equal => "==", OpCode.NotEqual => "!=", OpCode.Less => "<", OpCode.LessEqual => "<=", OpCode.Greater => ">", _ => ">=" }} {Right})";
    }

    /// <summary><c>&amp;&amp;</c> / <c>||</c> of two tests (pure operands, so short-circuiting is unobservable).</summary>
    public sealed record Logical(OpCode Op, Test Left, Test Right) : Test
    {
        public override string ToString() => $"({Left} {(Op == OpCode.And ? "&&" : "||")} {Right})";
    }

    /// <summary><c>[v0, v1, …].includes(x)</c> on number literals (never NaN, so SameValueZero is IEEE equality).</summary>
    public sealed record InSet(Expr X, double[] Values) : Test
    {
        public override string ToString() => $"[{string.Join(", ", Values)}].includes({X})";
    }

    public sealed record Not(Test Operand) : Test
    {
        public override string ToString() => $"!{Operand}";
    }

    /// <summary>JavaScript ToBoolean of a number: false for 0, −0 and NaN.</summary>
    public sealed record Truthy(Expr Value) : Test
    {
        public override string ToString() => $"bool({Value})";
    }
}

internal enum OpCode : byte
{
    LoadBand,
    LoadMask,
    LoadConstant,
    Negate,
    Add,
    Subtract,
    Multiply,
    Divide,
    Index,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    And,
    Or,
    Not,
    Truthy,
    Select,
    Abs,
    Sqrt,
    Floor,
    Ceil,
    Round,
    Sign,
    Min,
    Max,
    Pow,
    InSet,
    IndexOf,
}

internal readonly record struct Instruction(OpCode Op, int Band = 0, double Constant = 0, double[]? Set = null);

internal static class Postfix
{
    public static Instruction[] Emit(Expr expr, IReadOnlyDictionary<string, int> sampleBandIndex)
    {
        var list = new List<Instruction>();
        Visit(expr);
        return list.ToArray();

        void Visit(Expr e)
        {
            switch (e)
            {
                case Expr.Constant c:
                    list.Add(new Instruction(OpCode.LoadConstant, Constant: c.Value));
                    break;
                case Expr.Band b when b.Name == EvalscriptSetup.DataMaskName:
                    list.Add(new Instruction(OpCode.LoadMask));
                    break;
                case Expr.Band b:
                    list.Add(new Instruction(OpCode.LoadBand, Band: sampleBandIndex[b.Name]));
                    break;
                case Expr.Negate n:
                    Visit(n.Operand);
                    list.Add(new Instruction(OpCode.Negate));
                    break;
                case Expr.Binary bin:
                    Visit(bin.Left);
                    Visit(bin.Right);
                    list.Add(new Instruction(bin.Op));
                    break;
                case Expr.MathUnary u:
                    Visit(u.Operand);
                    list.Add(new Instruction(u.Op));
                    break;
                case Expr.FromTest f:
                    VisitTest(f.Test);
                    break;
                case Expr.IndexOf search:
                    Visit(search.X);
                    list.Add(new Instruction(OpCode.IndexOf, Set: search.Values));
                    break;
                case Expr.Index i:
                    Visit(i.X);
                    Visit(i.Y);
                    list.Add(new Instruction(OpCode.Index));
                    break;
                case Expr.Conditional c:
                    Visit(c.Then);
                    Visit(c.Otherwise);
                    VisitTest(c.Test);
                    list.Add(new Instruction(OpCode.Select));
                    break;
                default:
                    throw new InvalidOperationException(e.ToString());
            }
        }

        void VisitTest(Test t)
        {
            switch (t)
            {
                case Test.Compare c:
                    Visit(c.Left);
                    Visit(c.Right);
                    list.Add(new Instruction(c.Op));
                    break;
                case Test.Logical l:
                    VisitTest(l.Left);
                    VisitTest(l.Right);
                    list.Add(new Instruction(l.Op));
                    break;
                case Test.InSet set:
                    Visit(set.X);
                    list.Add(new Instruction(OpCode.InSet, Set: set.Values));
                    break;
                case Test.Not n:
                    VisitTest(n.Operand);
                    list.Add(new Instruction(OpCode.Not));
                    break;
                case Test.Truthy v:
                    Visit(v.Value);
                    list.Add(new Instruction(OpCode.Truthy));
                    break;
                default:
                    throw new InvalidOperationException(t.ToString());
            }
        }
    }
}
