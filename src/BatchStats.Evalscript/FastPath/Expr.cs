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

    public sealed record Binary(OpCode Op, Expr Left, Expr Right) : Expr
    {
        public override string ToString() => $"({Left} {Op switch { OpCode.Add => "+", OpCode.Subtract => "-", OpCode.Multiply => "*", _ => "/" }} {Right})";
    }

    /// <summary>The <c>index(x, y)</c> helper: <c>(x + y) == 0 ? 0 : (x − y) / (x + y)</c>.</summary>
    public sealed record Index(Expr X, Expr Y) : Expr
    {
        public override string ToString() => $"index({X}, {Y})";
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
}

internal readonly record struct Instruction(OpCode Op, int Band = 0, double Constant = 0);

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
                case Expr.Index i:
                    Visit(i.X);
                    Visit(i.Y);
                    list.Add(new Instruction(OpCode.Index));
                    break;
                default:
                    throw new InvalidOperationException(e.ToString());
            }
        }
    }
}
