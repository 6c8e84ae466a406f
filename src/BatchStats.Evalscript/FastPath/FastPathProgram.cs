using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BatchStats.Evalscript.FastPath;

/// <summary>
/// Executes postfix arithmetic programs column-wise: each instruction runs over a chunk of pixels with
/// <see cref="Vector{T}"/> of double. IEEE add/sub/mul/div and float↔double conversions are correctly
/// rounded both scalar and vectorised, so the values equal the interpreter's bit for bit. The element-wise operators
/// and their JavaScript semantics are in <see cref="JsOperators"/> and <see cref="MathKernels"/>.
/// </summary>
internal sealed class FastPathProgram
{
    private const int ChunkSize = 512;

    private readonly Instruction[][][] _programs; // [output (dataMask last)][band]
    private readonly EvalscriptSampleType[] _types;
    private readonly int _maxDepth;

    [ThreadStatic]
    private static double[][]? t_stack;

    public FastPathProgram(Instruction[][][] programs, EvalscriptSampleType[] types, string description)
    {
        _programs = programs;
        _types = types;
        Description = description;
        _maxDepth = programs.SelectMany(p => p).Max(Depth);
    }

    public string Description { get; }

    public EvaluationResult Evaluate(SampleSet samples, EvalscriptSetup setup)
    {
        var n = samples.PixelCount;
        var valueOutputs = _programs.Length - 1; // the dataMask output (last) only yields validity bytes
        var buffers = new float[_programs.Length][][];
        for (var o = 0; o < valueOutputs; o++)
        {
            buffers[o] = new float[_programs[o].Length][];
            for (var b = 0; b < buffers[o].Length; b++)
            {
                buffers[o][b] = new float[n];
            }
        }

        var maskPrograms = _programs[^1];
        var maskType = _types[^1];
        buffers[^1] = [];
        var masks = new byte[maskPrograms.Length][];
        for (var m = 0; m < masks.Length; m++)
        {
            masks[m] = new byte[n];
        }

        // One pass per chunk: every output band and its validity are produced while the chunk's inputs are in cache.
        var stack = Stack();
        for (var start = 0; start < n; start += ChunkSize)
        {
            var count = Math.Min(ChunkSize, n - start);
            for (var o = 0; o < valueOutputs; o++)
            {
                for (var b = 0; b < _programs[o].Length; b++)
                {
                    Run(_programs[o][b], samples, start, count, stack);
                    Store(stack[0], buffers[o][b].AsSpan(start, count), _types[o]);
                }
            }

            for (var m = 0; m < maskPrograms.Length; m++)
            {
                var valid = masks[m].AsSpan(start, count);
                if (maskPrograms[m] is [{ Op: OpCode.LoadMask }])
                {
                    // dataMask passthrough: the input mask is 0/1, so validity is that of the quantised 1 (or 0).
                    PassMask(samples.DataMask.AsSpan(start, count), valid, maskType);
                }
                else
                {
                    Run(maskPrograms[m], samples, start, count, stack);
                    ValidFrom(stack[0], valid, maskType);
                }
            }
        }

        var names = setup.Outputs.Select(o => o.BandNames).Append(setup.DataMask.BandNames).ToArray();
        return EvalscriptEvaluator.BuildResult(setup, n, buffers, names, masks, usedFastPath: true);
    }

    private double[][] Stack()
    {
        var stack = t_stack;
        if (stack is null || stack.Length < _maxDepth)
        {
            stack = new double[Math.Max(_maxDepth, 4)][];
            for (var i = 0; i < stack.Length; i++)
            {
                stack[i] = new double[ChunkSize];
            }

            t_stack = stack;
        }

        return stack;
    }

    private static void Run(Instruction[] program, SampleSet samples, int start, int count, double[][] stack)
    {
        var sp = 0;
        // Lanes past `count` are padding: computed, never stored.
        var lanes = (count + Vector<double>.Count - 1) / Vector<double>.Count * Vector<double>.Count;
        foreach (var ins in program)
        {
            switch (ins.Op)
            {
                case OpCode.LoadBand:
                    Widen(samples.Bands[ins.Band].AsSpan(start, count), stack[sp++], lanes);
                    break;
                case OpCode.LoadMask:
                    WidenMask(samples.DataMask.AsSpan(start, count), stack[sp++], lanes);
                    break;
                case OpCode.LoadConstant:
                    stack[sp++].AsSpan(0, lanes).Fill(ins.Constant);
                    break;
                case OpCode.Negate or OpCode.Not or OpCode.Truthy:
                case OpCode.Abs or OpCode.Sqrt or OpCode.Floor or OpCode.Ceil or OpCode.Round or OpCode.Sign:
                    Unary(ins.Op, stack[sp - 1], lanes);
                    break;
                case OpCode.InSet or OpCode.IndexOf:
                    Search(ins.Op, ins.Set!, stack[sp - 1], lanes);
                    break;
                case OpCode.Select:
                    Select(stack[sp - 3], stack[sp - 2], stack[sp - 1], lanes);
                    sp -= 2;
                    break;
                default:
                    Binary(ins.Op, stack[sp - 2], stack[sp - 1], lanes);
                    sp--;
                    break;
            }
        }
    }

    private static void Widen(ReadOnlySpan<float> source, double[] target, int lanes)
    {
        var i = 0;
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetArrayDataReference(target);
        for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.Widen(Vector.LoadUnsafe(ref src, (nuint)i), out var lo, out var hi);
            lo.StoreUnsafe(ref dst, (nuint)i);
            hi.StoreUnsafe(ref dst, (nuint)(i + Vector<double>.Count));
        }

        for (; i < source.Length; i++)
        {
            target[i] = source[i];
        }

        target.AsSpan(source.Length, lanes - source.Length).Clear();
    }

    private static void WidenMask(ReadOnlySpan<byte> source, double[] target, int lanes)
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = source[i] != 0 ? 1.0 : 0.0;
        }

        target.AsSpan(source.Length, lanes - source.Length).Clear();
    }

    /// <summary>
    /// Runs the operator's own loop: a struct type argument of <see cref="VectorKernels"/>, so the choice is made here
    /// once per instruction and chunk, and never inside the loop. (The kernels return the column they overwrote only so
    /// that this is one switch arm per operator.)
    /// </summary>
    private static double[] Unary(OpCode op, double[] x, int lanes) => op switch
    {
        OpCode.Negate => VectorKernels.Unary<JsOperators.Negate>(x, lanes),
        OpCode.Not => VectorKernels.Unary<JsOperators.Not>(x, lanes),
        OpCode.Truthy => VectorKernels.Unary<JsOperators.Truthy>(x, lanes),
        OpCode.Abs => VectorKernels.Unary<MathKernels.Abs>(x, lanes),
        OpCode.Sqrt => VectorKernels.Unary<MathKernels.Sqrt>(x, lanes),
        OpCode.Floor => VectorKernels.Unary<MathKernels.Floor>(x, lanes),
        OpCode.Ceil => VectorKernels.Unary<MathKernels.Ceil>(x, lanes),
        OpCode.Round => VectorKernels.Unary<MathKernels.Round>(x, lanes),
        OpCode.Sign => VectorKernels.Unary<MathKernels.Sign>(x, lanes),
        _ => throw new InvalidOperationException(op.ToString()),
    };

    private static double[] Binary(OpCode op, double[] left, double[] right, int lanes) => op switch
    {
        OpCode.Add => VectorKernels.Binary<JsOperators.Add>(left, right, lanes),
        OpCode.Subtract => VectorKernels.Binary<JsOperators.Subtract>(left, right, lanes),
        OpCode.Multiply => VectorKernels.Binary<JsOperators.Multiply>(left, right, lanes),
        OpCode.Divide => VectorKernels.Binary<JsOperators.Divide>(left, right, lanes),
        OpCode.Index => VectorKernels.Binary<JsOperators.Index>(left, right, lanes),
        OpCode.Equal => VectorKernels.Binary<JsOperators.Equal>(left, right, lanes),
        OpCode.NotEqual => VectorKernels.Binary<JsOperators.NotEqual>(left, right, lanes),
        OpCode.Less => VectorKernels.Binary<JsOperators.Less>(left, right, lanes),
        OpCode.LessEqual => VectorKernels.Binary<JsOperators.LessEqual>(left, right, lanes),
        OpCode.Greater => VectorKernels.Binary<JsOperators.Greater>(left, right, lanes),
        OpCode.GreaterEqual => VectorKernels.Binary<JsOperators.GreaterEqual>(left, right, lanes),
        OpCode.And => VectorKernels.Binary<JsOperators.And>(left, right, lanes),
        OpCode.Or => VectorKernels.Binary<JsOperators.Or>(left, right, lanes),
        OpCode.Min => VectorKernels.Binary<MathKernels.Min>(left, right, lanes),
        OpCode.Max => VectorKernels.Binary<MathKernels.Max>(left, right, lanes),
        OpCode.Pow => MathKernels.Pow(left, right, lanes),
        _ => throw new InvalidOperationException(op.ToString()),
    };

    /// <summary>includes (1.0/0.0) or indexOf (first k, else −1) of a constant set, in one pass over x.</summary>
    private static void Search(OpCode op, double[] set, double[] x, int lanes)
    {
        ref var r = ref MemoryMarshal.GetArrayDataReference(x);
        for (var i = 0; i < lanes; i += Vector<double>.Count)
        {
            var v = Vector.LoadUnsafe(ref r, (nuint)i);
            if (op == OpCode.InSet)
            {
                var any = Vector<long>.Zero;
                foreach (var c in set)
                {
                    any |= Vector.Equals(v, new Vector<double>(c));
                }

                Vector.ConditionalSelect(any, Vector<double>.One, Vector<double>.Zero).StoreUnsafe(ref r, (nuint)i);
            }
            else
            {
                // From the last element back, so the first match wins.
                var position = new Vector<double>(-1.0);
                for (var k = set.Length - 1; k >= 0; k--)
                {
                    position = Vector.ConditionalSelect(Vector.Equals(v, new Vector<double>(set[k])), new Vector<double>(k), position);
                }

                position.StoreUnsafe(ref r, (nuint)i);
            }
        }
    }

    /// <summary><c>test ? then : otherwise</c> into <paramref name="then"/>; the test holds exactly 1.0 or 0.0.</summary>
    private static void Select(double[] then, double[] otherwise, double[] test, int lanes)
    {
        ref var t = ref MemoryMarshal.GetArrayDataReference(then);
        ref var o = ref MemoryMarshal.GetArrayDataReference(otherwise);
        ref var c = ref MemoryMarshal.GetArrayDataReference(test);
        for (var i = 0; i < lanes; i += Vector<double>.Count)
        {
            var isFalse = Vector.Equals(Vector.LoadUnsafe(ref c, (nuint)i), Vector<double>.Zero);
            Vector.ConditionalSelect(isFalse, Vector.LoadUnsafe(ref o, (nuint)i), Vector.LoadUnsafe(ref t, (nuint)i)).StoreUnsafe(ref t, (nuint)i);
        }
    }

    private static void Store(double[] values, Span<float> target, EvalscriptSampleType type)
    {
        var i = 0;
        ref var src = ref MemoryMarshal.GetArrayDataReference(values);
        ref var dst = ref MemoryMarshal.GetReference(target);
        if (type == EvalscriptSampleType.Float32)
        {
            for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Narrow(Vector.LoadUnsafe(ref src, (nuint)i), Vector.LoadUnsafe(ref src, (nuint)(i + Vector<double>.Count))).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        else
        {
            // Quantizer.RoundClamp column-wise: NaN → 0, floor(v + 0.5), clamp. NaN is removed before the clamp, and
            // floor(v + 0.5) is never −0, so Min/Max need no IEEE special cases here.
            var (min, max) = Quantizer.Range(type);
            var scale = new Vector<double>(type == EvalscriptSampleType.Auto ? 255 : 1);
            var lo = new Vector<double>(min);
            var hi = new Vector<double>(max);
            var half = new Vector<double>(0.5);
            for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var a = Quantize(Vector.LoadUnsafe(ref src, (nuint)i) * scale, half, lo, hi);
                var b = Quantize(Vector.LoadUnsafe(ref src, (nuint)(i + Vector<double>.Count)) * scale, half, lo, hi);
                Vector.Narrow(a, b).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < target.Length; i++)
        {
            target[i] = Quantizer.Quantize(values[i], type);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Quantize(Vector<double> v, Vector<double> half, Vector<double> lo, Vector<double> hi)
    {
        var rounded = Vector.Min(Vector.Max(Vector.Floor(v + half), lo), hi);
        return Vector.ConditionalSelect(Vector.Equals(v, v), rounded, Vector<double>.Zero);
    }

    [ThreadStatic]
    private static float[]? t_quantisedMask;

    /// <summary>
    /// S20 validity of a computed dataMask band: quantise as the output would be (the vectorised <see cref="Store"/>),
    /// then valid unless 0 or NaN, eight lanes at a time: a lane's bytes are all ones exactly when it is valid.
    /// </summary>
    private static void ValidFrom(double[] values, Span<byte> valid, EvalscriptSampleType type)
    {
        var quantised = (t_quantisedMask ??= new float[ChunkSize]).AsSpan(0, valid.Length);
        Store(values, quantised, type);
        var p = 0;
        ref var q = ref MemoryMarshal.GetReference(quantised);
        for (; p <= valid.Length - Vector<float>.Count; p += Vector<float>.Count)
        {
            var f = Vector.LoadUnsafe(ref q, (nuint)p);
            var isValid = Vector.AndNot(Vector.Equals(f, f), Vector.Equals(f, Vector<float>.Zero)) & Vector<int>.One;
            for (var k = 0; k < Vector<float>.Count; k++)
            {
                valid[p + k] = (byte)isValid[k];
            }
        }

        for (; p < valid.Length; p++)
        {
            valid[p] = Quantizer.IsValidMask(quantised[p]);
        }
    }

    private static void PassMask(ReadOnlySpan<byte> mask, Span<byte> valid, EvalscriptSampleType type)
    {
        var validIfSet = Quantizer.IsValidMask(Quantizer.Quantize(1.0, type));
        var validIfClear = Quantizer.IsValidMask(Quantizer.Quantize(0.0, type));
        for (var p = 0; p < valid.Length; p++)
        {
            valid[p] = mask[p] != 0 ? validIfSet : validIfClear;
        }
    }

    private static int Depth(Instruction[] program)
    {
        int sp = 0, max = 0;
        foreach (var ins in program)
        {
            sp += ins.Op switch
            {
                OpCode.LoadBand or OpCode.LoadMask or OpCode.LoadConstant => 1,
                OpCode.Negate or OpCode.Not or OpCode.Truthy => 0,
                OpCode.Abs or OpCode.Sqrt or OpCode.Floor or OpCode.Ceil or OpCode.Round or OpCode.Sign => 0,
                OpCode.InSet or OpCode.IndexOf => 0,
                OpCode.Select => -2,
                _ => -1,
            };
            max = Math.Max(max, sp);
        }

        return max;
    }
}
