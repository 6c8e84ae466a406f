using BatchStats.Core.Numbers;
using BatchStats.Core.Results;

namespace BatchStats.Core.Statistics;

/// <summary>
/// Streaming statistics of one output band in one interval (S22–S28, S30).
/// <list type="bullet">
/// <item>min/max/mean/population stDev by Welford over finite values; NaN and ±∞ are counted separately (S30);</item>
/// <item>partial accumulators combine with <see cref="Merge"/> (Chan et al.), e.g. one per row block;</item>
/// <item>values are kept only when percentiles or implicit histogram edges need them, otherwise explicit
///       histograms are counted on the fly.</item>
/// </list>
/// Feed pixels in a fixed order (row-major) so results do not depend on scheduling (S32).
/// </summary>
public sealed class BandAccumulator
{
    private readonly BandCalculation _calculation;
    private readonly HistogramEdges? _streamingEdges;
    private readonly long[]? _streamingCounts;
    private long _underflow;
    private long _overflow;

    private long _noData;
    private long _finite;

    // Welford runs on v − _shift (the first finite value): the running mean then stays near 0, which keeps the
    // variance accurate when the spread is tiny compared to the magnitude (e.g. reflectances around 0.8).
    private double _shift;
    private double _mean;
    private double _m2;
    private long _nan;
    private long _positiveInfinity;
    private long _negativeInfinity;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    private double[]? _values;
    private int _valueCount;

    public BandAccumulator(BandCalculation? calculation = null)
    {
        _calculation = calculation ?? BandCalculation.BasicOnly;
        if (_calculation.NeedsValues)
        {
            _values = new double[64];
        }

        var histogram = _calculation.Histogram;
        if (histogram is not null && histogram.HasExplicitEdges)
        {
            _streamingEdges = HistogramEdges.ComputeExplicit(histogram, histogram.UsesIntegerMath(_calculation.IntegerOutput));
            _streamingCounts = new long[_streamingEdges!.BinCount];
        }
    }

    public BandCalculation Calculation => _calculation;

    /// <summary>N: valid samples, NaN included (S30).</summary>
    public long ValidCount => _finite + _nan + _positiveInfinity + _negativeInfinity;

    public long NoDataCount => _noData;

    /// <summary>sampleCount = N + noDataCount (= W·H when every pixel was fed).</summary>
    public long SampleCount => ValidCount + _noData;

    /// <summary>One valid (already quantised) value.</summary>
    public void Add(double value)
    {
        if (double.IsFinite(value))
        {
            if (_finite == 0)
            {
                _shift = value;
            }

            _finite++;
            var shifted = value - _shift;
            var delta = shifted - _mean;
            _mean += delta / _finite;
            _m2 += delta * (shifted - _mean);
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
        }
        else if (double.IsNaN(value))
        {
            _nan++;
        }
        else if (value > 0)
        {
            _positiveInfinity++;
            _max = value;
        }
        else
        {
            _negativeInfinity++;
            _min = value;
        }

        if (_values is not null)
        {
            if (_valueCount == _values.Length)
            {
                Array.Resize(ref _values, _values.Length * 2);
            }

            _values[_valueCount++] = value;
        }

        if (_streamingEdges is not null)
        {
            Count(_streamingEdges.BinOf(value));
        }
    }

    /// <summary>Pixels whose mask is 0 or NaN (S20).</summary>
    public void AddNoData(long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _noData += count;
    }

    /// <summary>A run of pixels: value i is valid iff <paramref name="validMask"/>[i] ≠ 0.</summary>
    public void AddRange(ReadOnlySpan<float> values, ReadOnlySpan<byte> validMask) => AddMasked(values, validMask);

    /// <summary>A run of pixels: value i is valid iff <paramref name="validMask"/>[i] ≠ 0.</summary>
    public void AddRange(ReadOnlySpan<double> values, ReadOnlySpan<byte> validMask) => AddMasked(values, validMask);

    // One loop for float and double runs; the JIT specialises it per type, and float → double widening is exact.
    private void AddMasked<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validMask)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        if (values.Length != validMask.Length)
        {
            throw new ArgumentException("values and validMask must have the same length", nameof(validMask));
        }

        if (_values is not null && _valueCount + values.Length > _values.Length)
        {
            // One resize for the whole run instead of a doubling chain from 64 (an interval's run is its whole grid).
            Array.Resize(ref _values, _valueCount + values.Length);
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (validMask[i] != 0)
            {
                Add(double.CreateTruncating(values[i]));
            }
            else
            {
                _noData++;
            }
        }
    }

    /// <summary>All values valid.</summary>
    public void AddRange(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            Add(value);
        }
    }

    /// <summary>
    /// Adds another partial accumulator of the same band (same calculation). Moments combine with Chan's
    /// formula; kept values are appended after this one's, so merge partials in pixel order.
    /// </summary>
    public void Merge(BandAccumulator other)
    {
        if (!ReferenceEquals(other._calculation, _calculation) && other._calculation != _calculation)
        {
            throw new ArgumentException("cannot merge accumulators with different calculations", nameof(other));
        }

        if (other._finite > 0)
        {
            if (_finite == 0)
            {
                _shift = other._shift;
                _mean = other._mean;
                _m2 = other._m2;
            }
            else
            {
                var n = _finite + other._finite;
                var otherMean = other._mean + (other._shift - _shift);
                var delta = otherMean - _mean;
                _mean += delta * ((double)other._finite / n);
                _m2 += other._m2 + (delta * delta * ((double)_finite * other._finite / n));
            }

            _finite += other._finite;
        }

        _min = Math.Min(_min, other._min);
        _max = Math.Max(_max, other._max);
        _nan += other._nan;
        _positiveInfinity += other._positiveInfinity;
        _negativeInfinity += other._negativeInfinity;
        _noData += other._noData;

        if (_values is not null && other._values is not null)
        {
            var needed = _valueCount + other._valueCount;
            if (needed > _values.Length)
            {
                Array.Resize(ref _values, Math.Max(needed, _values.Length * 2));
            }

            Array.Copy(other._values, 0, _values, _valueCount, other._valueCount);
            _valueCount = needed;
        }

        if (_streamingCounts is not null && other._streamingCounts is not null)
        {
            for (var i = 0; i < _streamingCounts.Length; i++)
            {
                _streamingCounts[i] += other._streamingCounts[i];
            }

            _underflow += other._underflow;
            _overflow += other._overflow;
        }
    }

    /// <summary>The band object for the result file. Throws <see cref="HistogramMathException"/> on impossible edges.</summary>
    public BandResult ToResult() => new() { Stats = BuildStats(), Histogram = BuildHistogram() };

    /// <summary>The basic statistics as doubles (NaN where the spec says "NaN").</summary>
    public (double Min, double Max, double Mean, double StDev) Moments()
    {
        if (ValidCount == 0 || _nan > 0)
        {
            return (double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double mean;
        if (_positiveInfinity > 0 && _negativeInfinity > 0)
        {
            mean = double.NaN;
        }
        else if (_positiveInfinity > 0)
        {
            mean = double.PositiveInfinity;
        }
        else if (_negativeInfinity > 0)
        {
            mean = double.NegativeInfinity;
        }
        else
        {
            mean = _shift + _mean;
        }

        var stDev = _positiveInfinity + _negativeInfinity > 0 ? double.NaN : Math.Sqrt(_m2 / _finite);
        return (_min, _max, mean, stDev);
    }

    private StatsResult BuildStats()
    {
        var (min, max, mean, stDev) = Moments();
        return new StatsResult
        {
            Min = min,
            Max = max,
            Mean = mean,
            StDev = stDev,
            SampleCount = SampleCount,
            NoDataCount = _noData,
            Percentiles = BuildPercentiles(),
        };
    }

    private OrderedDictionary<string, double>? BuildPercentiles()
    {
        var spec = _calculation.Percentiles;
        if (spec is null || spec.Count == 0 || _valueCount == 0)
        {
            return null;
        }

        // Only the requested ranks are selected (no full sort); the keys buffer is pooled.
        var keys = System.Buffers.ArrayPool<long>.Shared.Rent(_valueCount);
        try
        {
            var span = keys.AsSpan(0, _valueCount);
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = JavaDoubleComparer.SortKey(_values![i]);
            }

            var indices = new int[spec.Count];
            for (var i = 0; i < indices.Length; i++)
            {
                indices[i] = checked((int)spec.IndexAt(i, span.Length));
            }

            var ascending = (int[])indices.Clone();
            Array.Sort(ascending);
            OrderSelection.SelectAll(span, ascending);
            var result = new OrderedDictionary<string, double>(spec.Count);
            for (var i = 0; i < spec.Count; i++)
            {
                result[spec.Keys[i]] = JavaDoubleComparer.FromSortKey(span[indices[i]]);
            }

            return result;
        }
        finally
        {
            System.Buffers.ArrayPool<long>.Shared.Return(keys);
        }
    }

    private HistogramResult? BuildHistogram()
    {
        var definition = _calculation.Histogram;
        if (definition is null)
        {
            return null;
        }

        if (_streamingEdges is not null)
        {
            return ToHistogram(_streamingEdges, _streamingCounts!, _underflow, _overflow);
        }

        // Implicit edges: min/max over valid non-NaN values (NaN belongs to no bin, S30).
        var nonNaN = _finite + _positiveInfinity + _negativeInfinity;
        if (nonNaN == 0)
        {
            return new HistogramResult { Bins = [], IntegerEdges = definition.UsesIntegerMath(_calculation.IntegerOutput) };
        }

        var edges = HistogramEdges.Compute(definition, _min, _max, definition.UsesIntegerMath(_calculation.IntegerOutput));
        var counts = new long[edges.BinCount];
        long underflow = 0, overflow = 0;
        if (edges.BinCount > 0)
        {
            for (var i = 0; i < _valueCount; i++)
            {
                var bin = edges.BinOf(_values![i]);
                if (bin >= 0 && bin < counts.Length)
                {
                    counts[bin]++;
                }
                else if (bin == -1)
                {
                    underflow++;
                }
                else if (bin == counts.Length)
                {
                    overflow++;
                }
            }
        }

        return ToHistogram(edges, counts, underflow, overflow);
    }

    private static HistogramResult ToHistogram(HistogramEdges edges, long[] counts, long underflow, long overflow)
    {
        var e = edges.Edges;
        var bins = new HistogramBin[counts.Length];
        for (var i = 0; i < bins.Length; i++)
        {
            bins[i] = new HistogramBin(e[i], e[i + 1], counts[i]);
        }

        return new HistogramResult { Bins = bins, UnderflowCount = underflow, OverflowCount = overflow, IntegerEdges = edges.IntegerEdges };
    }

    private void Count(int bin)
    {
        if (bin >= 0 && bin < _streamingCounts!.Length)
        {
            _streamingCounts[bin]++;
        }
        else if (bin == -1)
        {
            _underflow++;
        }
        else if (bin == _streamingCounts!.Length)
        {
            _overflow++;
        }
    }
}
