using System.Text.Json;

namespace StatsIngest.Normalize.Profiles;

/// <summary>The profiles of config/profiles.json, loaded and checked at start.</summary>
public sealed class ProfileCatalog(IReadOnlyList<Profile> profiles)
{
    public const string FileName = "profiles.json";

    public IReadOnlyList<Profile> Profiles { get; } = profiles;

    public Profile? Find(string name) =>
        name.Equals(Profile.Generic.Name, StringComparison.OrdinalIgnoreCase)
            ? Profile.Generic
            : Profiles.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<string> Names => Profiles.Select(p => p.Name).Append(Profile.Generic.Name);

    public static ProfileCatalog Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} is missing (it ships in config/).");
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var profiles = new List<Profile>();
        foreach (var p in doc.RootElement.GetProperty("profiles").EnumerateArray())
        {
            var name = p.GetProperty("name").GetString() ?? throw new InvalidDataException($"{path}: a profile has no name.");
            profiles.Add(new Profile(name, p.GetProperty("description").GetString() ?? name, p.GetProperty("specificity").GetInt32(),
                p.TryGetProperty("indicator", out var i) ? i.GetString() : null,
                p.GetProperty("features").EnumerateArray().Select(f => Feature(f, path, name)).ToArray()));
        }

        var twice = profiles.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1 || g.Key == Profile.Generic.Name);
        if (twice is not null)
        {
            throw new InvalidDataException($"{path}: the profile name '{twice.Key}' is used twice (or is the reserved name '{Profile.Generic.Name}').");
        }

        return new ProfileCatalog(profiles);
    }

    private static ProfileFeature Feature(JsonElement f, string path, string profile)
    {
        var tests = f.GetProperty("anyOf").EnumerateArray().Select(t =>
        {
            var kind = t.GetProperty("test").GetString();
            if (!Enum.TryParse<ProfileTestKind>(kind, ignoreCase: true, out var k))
            {
                throw new InvalidDataException($"{path}: profile '{profile}': '{kind}' is not a test ({string.Join(", ", Enum.GetNames<ProfileTestKind>())}).");
            }

            var values = t.TryGetProperty("values", out var v) ? v.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray() : [];
            return new ProfileTest(k, values, t.TryGetProperty("min", out var m) ? m.GetInt32() : 1);
        }).ToArray();
        return new ProfileFeature(f.GetProperty("what").GetString() ?? string.Empty, tests);
    }
}
