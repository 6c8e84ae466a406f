using System.Numerics;

namespace BatchStats.Evalscript.FastPath;

/// <summary>
/// JavaScript's number operators of the fast path as <see cref="VectorKernels"/> operators. IEEE add/sub/mul/div are
/// what JavaScript specifies, so those are the plain vector operators; a boolean result is held as exactly 1.0 / 0.0.
/// </summary>
internal static class JsOperators
{
    public readonly struct Negate : IVectorUnary
    {
        // Multiplying by −1 flips the sign of zeros too, exactly like JavaScript's unary minus.
        public static Vector<double> Apply(Vector<double> x) => x * new Vector<double>(-1.0);
    }

    public readonly struct Not : IVectorUnary
    {
        // Tests hold exactly 1.0 or 0.0.
        public static Vector<double> Apply(Vector<double> x) => FromTest(Vector.Equals(x, Vector<double>.Zero));
    }

    public readonly struct Truthy : IVectorUnary
    {
        // ToBoolean(number): false for ±0 and NaN (NaN is the only value unequal to itself).
        public static Vector<double> Apply(Vector<double> x) =>
            FromTest(Vector.AndNot(Vector.Equals(x, x), Vector.Equals(x, Vector<double>.Zero)));
    }

    public readonly struct Add : IVectorBinary
    {
        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => x + y;
    }

    public readonly struct Subtract : IVectorBinary
    {
        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => x - y;
    }

    public readonly struct Multiply : IVectorBinary
    {
        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => x * y;
    }

    public readonly struct Divide : IVectorBinary
    {
        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => x / y;
    }

    public readonly struct Index : IVectorBinary
    {
        // index(): (x + y) == 0 ? 0 : (x − y) / (x + y); NaN sums compare unequal, as in JS.
        public static Vector<double> Apply(Vector<double> x, Vector<double> y)
        {
            var sum = x + y;
            return Vector.ConditionalSelect(Vector.Equals(sum, Vector<double>.Zero), Vector<double>.Zero, (x - y) / sum);
        }
    }

    public readonly struct Equal : IVectorBinary
    {
        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => FromTest(Vector.Equals(x, y));
    }

    public readonly struct NotEqual : IVectorBinary
    {
        // NaN !== NaN is true: the complement of IEEE equality.
        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => FromTest(~Vector.Equals(x, y));
    }

    public readonly struct Less : IVectorBinary
    {
        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => FromTest(Vector.LessThan(x, y));
    }

    public readonly struct LessEqual : IVectorBinary
    {
        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => FromTest(Vector.LessThanOrEqual(x, y));
    }

    public readonly struct Greater : IVectorBinary
    {
        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => FromTest(Vector.GreaterThan(x, y));
    }

    public readonly struct GreaterEqual : IVectorBinary
    {
        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => FromTest(Vector.GreaterThanOrEqual(x, y));
    }

    public readonly struct And : IVectorBinary
    {
        // Both operands are tests (exactly 1.0 or 0.0), so the product is the conjunction.
        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => x * y;
    }

    public readonly struct Or : IVectorBinary
    {
        // Both operands are tests (exactly 1.0 or 0.0), so the larger is the disjunction.
        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => Vector.Max(x, y);
    }

    /// <summary>A lane mask (all ones where true) as ToNumber of the boolean: 1.0 or 0.0.</summary>
    private static Vector<double> FromTest(Vector<long> test) =>
        Vector.ConditionalSelect(test, Vector<double>.One, Vector<double>.Zero);
}
