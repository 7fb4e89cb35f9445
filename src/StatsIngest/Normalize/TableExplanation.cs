using StatsIngest.Normalize.Profiles;
using StatsIngest.Normalize.Tables;
using StatsIngest.Normalize.Tidy;

namespace StatsIngest.Normalize;

/// <summary>How one table of a file was understood, for <c>validate --explain</c>: its cells, the profile chosen and how each profile fared.</summary>
public sealed record TableExplanation(string Sheet, TableInterpretation? Table, TidyHeader? Tidy, Profile Profile, IReadOnlyList<ProfileMatch> Matches, string ChosenBy);
