using System.Diagnostics;
using Ecrm.Telemetry;

namespace Ecrm.Resolution;

/// <summary>
/// Probabilistic record linkage in the Fellegi-Sunter tradition: normalise, block (several passes), compare field by
/// field, estimate the model from the data (u from random pairs, m and the match rate by EM), decide each candidate pair
/// (match, review, non-match) with its evidence, and cluster the matches.
/// </summary>
public static class IdentityResolver
{
    /// <summary>Resolves records into clusters of the same person.</summary>
    /// <param name="records">The records; each has one value per field of <paramref name="options"/>.</param>
    /// <param name="options">Fields, thresholds, blocking effort.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Clusters, decisions with evidence, blocking counts and the fitted model.</returns>
    /// <exception cref="EcrmException">Bad options, a record with the wrong number of values, or duplicate record ids.</exception>
    public static ResolutionResult Resolve(IReadOnlyList<ResolutionRecord> records, ResolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using var activity = EcrmTelemetry.ActivitySource.StartActivity("ecrm.resolve");
        activity?.SetTag("ecrm.records", records.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            if (!ids.Add(r.Id))
            {
                throw new EcrmException($"Record ids: expected unique ids, received '{r.Id}' twice.");
            }
        }

        var prepared = new PreparedRecords(records, options.Fields);
        var (pairs, passes) = Blocking.Candidates(prepared, options);
        activity?.SetTag("ecrm.candidate_pairs", pairs.Length);

        // Compare every candidate pair once; EM works on the distinct patterns.
        var fields = options.Fields.Count;
        var codes = new long[pairs.Length];
        var patterns = new Dictionary<long, long>();
        Span<int> levels = stackalloc int[fields];
        for (var p = 0; p < pairs.Length; p++)
        {
            if ((p & 0xffff) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var (a, b) = Blocking.Unpair(pairs[p]);
            prepared.Compare(a, b, levels);
            var code = FellegiSunter.Encode(levels);
            codes[p] = code;
            patterns[code] = patterns.GetValueOrDefault(code) + 1;
        }

        var model = FellegiSunter.Fit(prepared, patterns, options, cancellationToken);
        var scores = patterns.Keys.ToDictionary(code => code, code =>
        {
            Span<int> l = stackalloc int[fields];
            FellegiSunter.Decode(code, l);
            return model.Score(l);
        });

        var decisions = new List<MatchDecision>();
        var parent = Enumerable.Range(0, prepared.Count).ToArray();
        for (var p = 0; p < pairs.Length; p++)
        {
            var (weight, probability) = scores[codes[p]];
            if (probability < options.ReviewProbability)
            {
                continue;
            }

            var (a, b) = Blocking.Unpair(pairs[p]);
            var outcome = probability >= options.MatchProbability ? MatchOutcome.Match : MatchOutcome.Review;
            if (outcome == MatchOutcome.Match)
            {
                Union(parent, a, b);
            }

            decisions.Add(new MatchDecision(prepared.Ids[a], prepared.Ids[b], probability, weight, outcome, Evidence(prepared, model, codes[p], a, b)));
        }

        var clusterOf = new Dictionary<string, string>(prepared.Count, StringComparer.Ordinal);
        for (var i = 0; i < prepared.Count; i++)
        {
            clusterOf[prepared.Ids[i]] = prepared.Ids[Find(parent, i)];
        }

        return new ResolutionResult
        {
            ClusterOf = clusterOf,
            Decisions = decisions,
            CandidatePairs = pairs.Length,
            BlockingPasses = passes,
            MatchRate = model.Lambda,
            Model = [.. options.Fields.Select((f, i) => new FieldModel(f.Name, f.Kind, FieldComparer.LevelNames(f.Kind), model.M[i], model.U[i]))],
        };
    }

    private static FieldEvidence[] Evidence(PreparedRecords records, FellegiSunter model, long code, int a, int b)
    {
        var fields = records.Kinds.Length;
        Span<int> levels = stackalloc int[fields];
        FellegiSunter.Decode(code, levels);
        var evidence = new FieldEvidence[fields];
        for (var f = 0; f < fields; f++)
        {
            var level = levels[f];
            evidence[f] = new FieldEvidence(
                records.Fields[f].Name,
                level < 0 ? "missing" : FieldComparer.LevelNames(records.Kinds[f])[level],
                level < 0 ? 0 : Math.Log2(model.M[f][level] / model.U[f][level]),
                records.Values[f][a],
                records.Values[f][b]);
        }

        return evidence;
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra != rb)
        {
            // The smaller index is the root, so the cluster id is its first record in input order.
            if (ra < rb)
            {
                parent[rb] = ra;
            }
            else
            {
                parent[ra] = rb;
            }
        }
    }
}
