namespace BatchStats.Core.Validation;

/// <summary>Builds the dotted paths used in problems: <c>input.data[0].type</c>.</summary>
public static class JsonPath
{
    public static string Property(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
