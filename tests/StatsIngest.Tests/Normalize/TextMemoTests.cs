using StatsIngest.Normalize.Tidy;

namespace StatsIngest.Tests.Normalize;

public class TextMemoTests
{
    [Fact]
    public void A_text_is_looked_up_once_and_past_the_bound_every_time_with_the_same_answer()
    {
        var lookups = 0;
        var memo = new TextMemo<int?>(text =>
        {
            lookups++;
            return text.StartsWith('x') ? null : text.Length;
        });
        var texts = Enumerable.Range(0, TextMemo<int?>.Capacity + 44).Select(i => new string('a', i + 1)).Append("x").ToArray();

        var first = texts.Select(t => memo[t]).ToArray();
        var second = texts.Select(t => memo[t]).ToArray();

        Assert.Equal(texts.Select(t => t.StartsWith('x') ? null : (int?)t.Length), first);
        Assert.Equal(first, second);
        // The first 256 texts are kept (a null answer too); the 45 after them are looked up again.
        Assert.Equal(texts.Length + 45, lookups);
    }
}
