using System.Numerics;
using System.Runtime.InteropServices;

namespace BatchStats.Evalscript.FastPath;

/// <summary>
/// The <c>Math.*</c> functions of the fast path, column-wise over a chunk, with JavaScript's results for NaN, ±0 and
/// ±∞ (which is what Jint returns; FastPathMathTests checks every kernel against Jint on random and special values).
/// abs, sqrt, floor and ceil are exact IEEE operations; the rest are spelled out below.
/// </summary>
internal static class MathKernels
{
    private static readonly Vector<double> s_signBit = new(-0.0);

    public static void Unary(OpCode op, double[] x, int lanes)
    {
        ref var r = ref MemoryMarshal.GetArrayDataReference(x);
        var step = Vector<double>.Count;
        var zero = Vector<double>.Zero;
        var one = Vector<double>.One;
        switch (op)
        {
            case OpCode.Abs:
                for (var i = 0; i < lanes; i += step)
                {
                    Vector.AndNot(Vector.LoadUnsafe(ref r, (nuint)i), s_signBit).StoreUnsafe(ref r, (nuint)i);
                }

                break;
            case OpCode.Sqrt:
                for (var i = 0; i < lanes; i += step)
                {
                    Vector.SquareRoot(Vector.LoadUnsafe(ref r, (nuint)i)).StoreUnsafe(ref r, (nuint)i);
                }

                break;
            case OpCode.Floor:
                for (var i = 0; i < lanes; i += step)
                {
                    Vector.Floor(Vector.LoadUnsafe(ref r, (nuint)i)).StoreUnsafe(ref r, (nuint)i);
                }

                break;
            case OpCode.Ceil:
                for (var i = 0; i < lanes; i += step)
                {
                    Vector.Ceiling(Vector.LoadUnsafe(ref r, (nuint)i)).StoreUnsafe(ref r, (nuint)i);
                }

                break;
            case OpCode.Round:
                // JS Math.round: the integer nearest x, halves towards +∞. floor(x + 0.5) is wrong for
                // 0.49999999999999994 (the sum rounds up to 1) and for odd integers ≥ 2^52, so compare the exact
                // fraction x − floor(x) instead. A zero result keeps x's sign (round(−0.2) is −0). NaN and ±∞ pass
                // through (∞ − ∞ is NaN, so nothing is added).
                var half = new Vector<double>(0.5);
                for (var i = 0; i < lanes; i += step)
                {
                    var v = Vector.LoadUnsafe(ref r, (nuint)i);
                    var f = Vector.Floor(v);
                    var rounded = f + Vector.ConditionalSelect(Vector.GreaterThanOrEqual(v - f, half), one, zero);
                    Vector.ConditionalSelect(Vector.Equals(rounded, zero), v & s_signBit, rounded).StoreUnsafe(ref r, (nuint)i);
                }

                break;
            case OpCode.Sign:
                // ±0 and NaN are returned as they are.
                var minusOne = new Vector<double>(-1.0);
                for (var i = 0; i < lanes; i += step)
                {
                    var v = Vector.LoadUnsafe(ref r, (nuint)i);
                    Vector.ConditionalSelect(Vector.GreaterThan(v, zero), one, Vector.ConditionalSelect(Vector.LessThan(v, zero), minusOne, v)).StoreUnsafe(ref r, (nuint)i);
                }

                break;
            default:
                throw new InvalidOperationException(op.ToString());
        }
    }

    public static void Binary(OpCode op, double[] left, double[] right, int lanes)
    {
        ref var l = ref MemoryMarshal.GetArrayDataReference(left);
        ref var r = ref MemoryMarshal.GetArrayDataReference(right);
        var step = Vector<double>.Count;
        switch (op)
        {
            case OpCode.Min:
                for (var i = 0; i < lanes; i += step)
                {
                    var a = Vector.LoadUnsafe(ref l, (nuint)i);
                    var b = Vector.LoadUnsafe(ref r, (nuint)i);
                    // Equal operands: OR of the bits makes min(+0, −0) = −0. Any NaN operand: a + b is NaN.
                    var m = Vector.ConditionalSelect(Vector.LessThan(a, b), a, Vector.ConditionalSelect(Vector.Equals(a, b), a | b, b));
                    Vector.ConditionalSelect(AnyNaN(a, b), a + b, m).StoreUnsafe(ref l, (nuint)i);
                }

                break;
            case OpCode.Max:
                for (var i = 0; i < lanes; i += step)
                {
                    var a = Vector.LoadUnsafe(ref l, (nuint)i);
                    var b = Vector.LoadUnsafe(ref r, (nuint)i);
                    // Equal operands: AND of the bits makes max(+0, −0) = +0.
                    var m = Vector.ConditionalSelect(Vector.GreaterThan(a, b), a, Vector.ConditionalSelect(Vector.Equals(a, b), a & b, b));
                    Vector.ConditionalSelect(AnyNaN(a, b), a + b, m).StoreUnsafe(ref l, (nuint)i);
                }

                break;
            case OpCode.Pow:
                // No vector pow: the same libm call Jint makes, per lane, with its JS special cases.
                for (var i = 0; i < lanes; i++)
                {
                    left[i] = Pow(left[i], right[i]);
                }

                break;
            default:
                throw new InvalidOperationException(op.ToString());
        }
    }

    /// <summary>
    /// JS <c>Number::exponentiate</c>: like IEEE pow except that a NaN exponent always gives NaN and
    /// (±1) ** ±∞ is NaN, where .NET's Math.Pow returns 1.
    /// </summary>
    public static double Pow(double x, double y)
    {
        if (double.IsNaN(y) || (double.IsInfinity(y) && Math.Abs(x) == 1))
        {
            return double.NaN;
        }

        return Math.Pow(x, y);
    }

    private static Vector<long> AnyNaN(Vector<double> a, Vector<double> b) =>
        Vector.OnesComplement(Vector.Equals(a, a) & Vector.Equals(b, b));
}
