namespace StatsIngest.Normalize.Lexicon;

/// <summary>Everything the reader knows of words besides the table: the code lists, the vocabulary and the units (config/codelists).</summary>
public sealed class TableLexicon(CodeLists codes, Vocabulary words, UnitTable units)
{
    public CodeLists Codes { get; } = codes;

    public Vocabulary Words { get; } = words;

    public UnitTable Units { get; } = units;

    /// <summary>Loads and checks config/codelists; a mistake throws <see cref="InvalidDataException"/> with one line.</summary>
    public static TableLexicon Load(string directory) => Checked(directory, () => new TableLexicon(CodeLists.Load(directory), Vocabulary.Load(directory), UnitTable.Load(directory)));

    /// <summary>As <see cref="Load(string)"/>, with the code lists loaded already (<see cref="LoadCodes"/>).</summary>
    public static TableLexicon Load(string directory, CodeLists codes) => Checked(directory, () => new TableLexicon(codes, Vocabulary.Load(directory), UnitTable.Load(directory)));

    /// <summary>The code lists alone (what the indicators and reports need of config/codelists), checked as <see cref="Load(string)"/>.</summary>
    public static CodeLists LoadCodes(string directory) => Checked(directory, () => CodeLists.Load(directory));

    private static T Checked<T>(string directory, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidDataException($"{directory}: a code list is not valid JSON: {ex.Message}", ex);
        }
        catch (FileNotFoundException ex)
        {
            throw new InvalidDataException(ex.Message, ex);
        }
    }
}
