using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems.Transformations;

namespace BatchStats.Geo;

/// <summary>
/// A coordinate transformation between two supported EPSG systems (see <see cref="EpsgCrs"/>), x = lon / easting,
/// y = lat / northing on both sides. Not thread-safe: create one per thread (creation is cheap).
/// </summary>
public sealed class CrsTransform
{
    private static readonly CoordinateTransformationFactory s_factory = new();
    private readonly MathTransform? _math;

    private CrsTransform(int fromEpsg, int toEpsg, MathTransform? math)
    {
        FromEpsg = fromEpsg;
        ToEpsg = toEpsg;
        _math = math;
    }

    public int FromEpsg { get; }

    public int ToEpsg { get; }

    public bool IsIdentity => _math is null;

    public static CrsTransform Create(int fromEpsg, int toEpsg)
    {
        if (fromEpsg == toEpsg)
        {
            // Validate anyway so an unsupported code fails here, not later.
            _ = EpsgCrs.Get(fromEpsg);
            return new CrsTransform(fromEpsg, toEpsg, null);
        }

        var transform = s_factory.CreateFromCoordinateSystems(EpsgCrs.Get(fromEpsg), EpsgCrs.Get(toEpsg));
        return new CrsTransform(fromEpsg, toEpsg, transform.MathTransform);
    }

    public CrsTransform Inverse() => Create(ToEpsg, FromEpsg);

    public void Transform(ref double x, ref double y) => _math?.Transform(ref x, ref y);

    public (double X, double Y) Transform(double x, double y)
    {
        Transform(ref x, ref y);
        return (x, y);
    }

    /// <summary>Transforms every vertex of a copy of <paramref name="geometry"/>; the copy's SRID is <see cref="ToEpsg"/>.</summary>
    public Geometry Transform(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var copy = geometry.Copy();
        if (_math is not null)
        {
            copy.Apply(new VertexFilter(this));
            copy.GeometryChanged();
        }

        copy.SRID = ToEpsg;
        return copy;
    }

    /// <summary>
    /// The envelope of the transformed rectangle, with each edge densified to <paramref name="pointsPerEdge"/> points,
    /// because straight edges become curves (e.g. a UTM box in degrees). Use it for scene search and window reads.
    /// </summary>
    public Envelope TransformEnvelope(Envelope envelope, int pointsPerEdge = 21)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerEdge, 2);
        if (envelope.IsNull)
        {
            return new Envelope();
        }

        if (_math is null)
        {
            return envelope.Copy();
        }

        var result = new Envelope();
        for (var i = 0; i < pointsPerEdge; i++)
        {
            var t = (double)i / (pointsPerEdge - 1);
            var x = envelope.MinX + t * envelope.Width;
            var y = envelope.MinY + t * envelope.Height;
            ExpandWith(result, x, envelope.MinY);
            ExpandWith(result, x, envelope.MaxY);
            ExpandWith(result, envelope.MinX, y);
            ExpandWith(result, envelope.MaxX, y);
        }

        return result;
    }

    private void ExpandWith(Envelope target, double x, double y)
    {
        Transform(ref x, ref y);
        target.ExpandToInclude(x, y);
    }

    private sealed class VertexFilter(CrsTransform owner) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var x = seq.GetX(i);
                var y = seq.GetY(i);
                owner.Transform(ref x, ref y);
                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
