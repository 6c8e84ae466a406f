namespace BatchStats.Demo.Scene;

/// <summary>The geometric role of a generated field; each special kind exercises one edge case of the engine.</summary>
public enum FieldKind
{
    /// <summary>Axis-aligned rectangle on pixel edges: any pixel-mask rule selects exactly its pixels.</summary>
    Rectangle,

    /// <summary>Star-shaped polygon with 5–9 vertices off the pixel grid.</summary>
    Irregular,

    /// <summary>Pixel-aligned rectangle with a pixel-aligned rectangular hole.</summary>
    WithHole,

    /// <summary>Pixel-aligned rectangle that extends past the scene's east edge.</summary>
    CrossesSceneEdge,

    /// <summary>A self-intersecting "bow-tie" ring: an invalid geometry.</summary>
    SelfIntersecting,

    /// <summary>A 3 m × 3 m square that contains no pixel centre.</summary>
    SubPixel,
}

public static class FieldKinds
{
    public static string Name(this FieldKind kind) => kind switch
    {
        FieldKind.Rectangle => "rectangle",
        FieldKind.Irregular => "irregular",
        FieldKind.WithHole => "with_hole",
        FieldKind.CrossesSceneEdge => "crosses_scene_edge",
        FieldKind.SelfIntersecting => "self_intersecting",
        _ => "sub_pixel",
    };
}
