using System.Text.Json.Serialization;
using StatsIngest.Compute;

namespace StatsIngest.Report;

/// <summary>
/// The settings hashed into the setup (<see cref="ReportService"/>), serialized by generated code: the reflection the
/// serializer otherwise builds on first use costs ≈ 30 ms of every refresh's process.
/// </summary>
[JsonSerializable(typeof(IndicatorOptions))]
[JsonSerializable(typeof(ReportOptions))]
internal sealed partial class SetupJson : JsonSerializerContext;
