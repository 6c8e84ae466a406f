namespace BatchStats.Demo.Scene;

/// <summary>
/// A cloud with a wavy outline in pixel coordinates: radius(θ) = R · (1 + a₃ sin(3θ + φ₃) + a₅ sin(5θ + φ₅)).
/// The outer 15 % of the radius is the cloud's edge (SCL "medium probability").
/// </summary>
internal sealed record CloudBlob(double CentreU, double CentreV, double Radius, double A3, double Phase3, double A5, double Phase5)
{
    public double MaxRadius => Radius * (1 + A3 + A5);

    /// <summary>0 clear, 1 cloud edge, 2 cloud core, for the pixel whose centre is (u, v).</summary>
    public int Classify(double u, double v)
    {
        var du = u - CentreU;
        var dv = v - CentreV;
        var d2 = (du * du) + (dv * dv);
        var max = MaxRadius;
        if (d2 >= max * max)
        {
            return 0;
        }

        var theta = Math.Atan2(dv, du);
        var r = Radius * (1 + (A3 * Math.Sin((3 * theta) + Phase3)) + (A5 * Math.Sin((5 * theta) + Phase5)));
        var d = Math.Sqrt(d2);
        return d >= r ? 0 : d >= 0.85 * r ? 1 : 2;
    }

    public bool Intersects(double u0, double v0, double u1, double v1) =>
        CentreU + MaxRadius > u0 && CentreU - MaxRadius < u1 && CentreV + MaxRadius > v0 && CentreV - MaxRadius < v1;
}
