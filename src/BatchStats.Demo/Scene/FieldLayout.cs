namespace BatchStats.Demo.Scene;

/// <summary>
/// Places one field per cell of a regular grid of cells over the scene (so fields never overlap), with background
/// between them. When there are at least four fields the special kinds come first: the east-most cell of the first
/// row holds the field that crosses the scene edge, and the first other cells hold the field with a hole, the
/// self-intersecting one and the sub-pixel one.
/// </summary>
internal static class FieldLayout
{
    public static IReadOnlyList<DemoField> Create(int fieldCount, int width, int height, ulong seed)
    {
        if (fieldCount < 1)
        {
            return [];
        }

        var cols = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(fieldCount * (double)width / height)));
        var rows = (fieldCount + cols - 1) / cols;
        var cellW = width / (double)cols;
        var cellH = height / (double)rows;
        if (cellW < 6 || cellH < 6)
        {
            throw new ArgumentException($"FieldCount {fieldCount} is too many for a {width} × {height} scene: cells would be smaller than 6 pixels.");
        }

        var kinds = AssignKinds(fieldCount, cols);
        var fields = new DemoField[fieldCount];
        Parallel.For(0, fieldCount, i =>
        {
            var rng = new DeterministicRandom(seed ^ (0xF1E1DUL * (ulong)(i + 1)));
            var cell = ((i % cols) * cellW, (i / cols) * cellH, ((i % cols) + 1) * cellW, ((i / cols) + 1) * cellH);
            var crop = DrawCrop(rng);
            var rings = Shape(kinds[i], cell, width, rng);
            var field = new DemoField(i + 1, crop, kinds[i], Phenology.Draw(crop, rng), rng.Uniform(0.92, 1.08), rings);
            field.Pixels = FieldPixels.Rasterize(rings, width, height);
            fields[i] = field;
        });
        return fields;
    }

    private static FieldKind[] AssignKinds(int count, int cols)
    {
        var kinds = new FieldKind[count];
        for (var i = 0; i < count; i++)
        {
            kinds[i] = i % 3 == 1 ? FieldKind.Irregular : FieldKind.Rectangle;
        }

        if (count >= 4)
        {
            var edge = Math.Min(cols, count) - 1;
            kinds[edge] = FieldKind.CrossesSceneEdge;
            var next = 0;
            foreach (var special in new[] { FieldKind.WithHole, FieldKind.SelfIntersecting, FieldKind.SubPixel })
            {
                if (next == edge)
                {
                    next++;
                }

                kinds[next++] = special;
            }
        }

        return kinds;
    }

    private static CropType DrawCrop(DeterministicRandom rng) => rng.NextDouble() switch
    {
        < 0.3 => CropType.WinterCereal,
        < 0.6 => CropType.Maize,
        < 0.9 => CropType.Grassland,
        _ => CropType.Fallow,
    };

    private static IReadOnlyList<(double U, double V)[]> Shape(FieldKind kind, (double U0, double V0, double U1, double V1) cell, int sceneWidth, DeterministicRandom rng)
    {
        // A pixel-aligned rectangle covering 55–90 % of the cell in each direction, at least one pixel from its border.
        var (cu0, cv0, cu1, cv1) = cell;
        var innerU0 = (int)Math.Ceiling(cu0 + 1);
        var innerV0 = (int)Math.Ceiling(cv0 + 1);
        var innerU1 = (int)Math.Floor(cu1 - 1);
        var innerV1 = (int)Math.Floor(cv1 - 1);
        var w = Math.Max(2, (int)Math.Round((innerU1 - innerU0) * rng.Uniform(0.55, 0.9)));
        var h = Math.Max(2, (int)Math.Round((innerV1 - innerV0) * rng.Uniform(0.55, 0.9)));
        var u0 = innerU0 + rng.NextInt(0, Math.Max(1, innerU1 - innerU0 - w + 1));
        var v0 = innerV0 + rng.NextInt(0, Math.Max(1, innerV1 - innerV0 - h + 1));
        var u1 = u0 + w;
        var v1 = v0 + h;

        switch (kind)
        {
            case FieldKind.Rectangle:
                return [Rectangle(u0, v0, u1, v1, exterior: true)];
            case FieldKind.WithHole:
                {
                    var hw = Math.Max(1, w / 3);
                    var hh = Math.Max(1, h / 3);
                    var hu = u0 + ((w - hw) / 2);
                    var hv = v0 + ((h - hh) / 2);
                    return [Rectangle(u0, v0, u1, v1, exterior: true), Rectangle(hu, hv, hu + hw, hv + hh, exterior: false)];
                }

            case FieldKind.CrossesSceneEdge:
                return [Rectangle(u0, v0, sceneWidth + Math.Max(3, w / 2), v1, exterior: true)];
            case FieldKind.SelfIntersecting:
                // Bow-tie: the ring's two diagonals cross at the centre.
                return [[(u0, v0), (u1, v1), (u1, v0), (u0, v1), (u0, v0)]];
            case FieldKind.SubPixel:
                {
                    var pu = (u0 + u1) / 2;
                    var pv = (v0 + v1) / 2;
                    return [Rectangle(pu + 0.1, pv + 0.1, pu + 0.4, pv + 0.4, exterior: true)];
                }

            default:
                return [Irregular(cell, rng)];
        }
    }

    /// <summary>Counter-clockwise in map coordinates (v grows south) for exteriors, clockwise for holes.</summary>
    private static (double U, double V)[] Rectangle(double u0, double v0, double u1, double v1, bool exterior) => exterior
        ? [(u0, v0), (u0, v1), (u1, v1), (u1, v0), (u0, v0)]
        : [(u0, v0), (u1, v0), (u1, v1), (u0, v1), (u0, v0)];

    private static (double U, double V)[] Irregular((double U0, double V0, double U1, double V1) cell, DeterministicRandom rng)
    {
        var (cu0, cv0, cu1, cv1) = cell;
        var cu = ((cu0 + cu1) / 2) + ((cu1 - cu0) * rng.Uniform(-0.05, 0.05));
        var cv = ((cv0 + cv1) / 2) + ((cv1 - cv0) * rng.Uniform(-0.05, 0.05));
        // Radii from the jittered centre to the nearer cell border, less a margin: the polygon stays in its cell, so
        // fields never overlap and never leave the scene.
        var ru = Math.Min(cu - cu0, cu1 - cu) - 1.5;
        var rv = Math.Min(cv - cv0, cv1 - cv) - 1.5;
        var k = rng.NextInt(5, 10);
        var points = new (double U, double V)[k + 1];
        var phase = rng.Uniform(0, 2 * Math.PI);
        for (var i = 0; i < k; i++)
        {
            // Angles decrease so the ring is counter-clockwise on the map (v points south); a star-shaped ring with
            // increasing polar order around its centre is always simple.
            var angle = phase - ((2 * Math.PI * (i + rng.Uniform(-0.3, 0.3))) / k);
            var radius = rng.Uniform(0.6, 1.0);
            points[i] = (Math.Round(cu + (ru * radius * Math.Cos(angle)), 2), Math.Round(cv + (rv * radius * Math.Sin(angle)), 2));
        }

        points[k] = points[0];
        return points;
    }
}
