using System.Numerics;
using System.Runtime.InteropServices;

namespace BatchStats.Evalscript.FastPath;

/// <summary>An element-wise operator of one column, implemented by a struct so each use is a specialised loop.</summary>
internal interface IVectorUnary
{
    static abstract Vector<double> Apply(Vector<double> x);
}

/// <summary>An element-wise operator of two columns, implemented by a struct so each use is a specialised loop.</summary>
internal interface IVectorBinary
{
    static abstract Vector<double> Apply(Vector<double> x, Vector<double> y);
}

/// <summary>
/// The one loop per operator shape, in place over a chunk's lanes (padded to whole vectors, so there is no scalar
/// tail). The operator is a struct type argument: the JIT compiles a separate loop for each with its
/// <c>Apply</c> inlined, so there is no delegate or interface call per vector.
/// </summary>
internal static class VectorKernels
{
    /// <summary>x ← op(x); returns x.</summary>
    public static double[] Unary<TOp>(double[] x, int lanes)
        where TOp : struct, IVectorUnary
    {
        ref var r = ref MemoryMarshal.GetArrayDataReference(x);
        for (var i = 0; i < lanes; i += Vector<double>.Count)
        {
            TOp.Apply(Vector.LoadUnsafe(ref r, (nuint)i)).StoreUnsafe(ref r, (nuint)i);
        }

        return x;
    }

    /// <summary>left ← op(left, right); returns left.</summary>
    public static double[] Binary<TOp>(double[] left, double[] right, int lanes)
        where TOp : struct, IVectorBinary
    {
        ref var l = ref MemoryMarshal.GetArrayDataReference(left);
        ref var r = ref MemoryMarshal.GetArrayDataReference(right);
        for (var i = 0; i < lanes; i += Vector<double>.Count)
        {
            TOp.Apply(Vector.LoadUnsafe(ref l, (nuint)i), Vector.LoadUnsafe(ref r, (nuint)i)).StoreUnsafe(ref l, (nuint)i);
        }

        return left;
    }
}
