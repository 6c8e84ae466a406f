namespace BatchStats.Demo.Scene;

/// <summary>Crop classes with distinct NDVI seasons; the GeoPackage's <c>crop</c> column holds <see cref="CropTypes.Name"/>.</summary>
public enum CropType
{
    /// <summary>Green in spring, peaks in May, harvested late June / early July.</summary>
    WinterCereal,

    /// <summary>Bare until late May, peaks in August, senesces in September.</summary>
    Maize,

    /// <summary>Green all season with sharp NDVI drops at two or three mowing cuts, then regrowth.</summary>
    Grassland,

    /// <summary>Bare soil with a little weed growth in late summer.</summary>
    Fallow,
}

public static class CropTypes
{
    public static string Name(this CropType crop) => crop switch
    {
        CropType.WinterCereal => "winter_cereal",
        CropType.Maize => "maize",
        CropType.Grassland => "grassland",
        _ => "fallow",
    };
}
