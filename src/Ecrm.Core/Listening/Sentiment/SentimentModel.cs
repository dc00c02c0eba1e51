using System.Text.Json;

namespace Ecrm.Listening;

/// <summary>
/// A sentiment classifier a company trains on its own labelled reviews: naive Bayes over binarised character and word
/// n-grams (<see cref="SentimentFeatures"/>) refined by logistic regression, which also learns how much to trust the
/// zero-configuration <see cref="LexiconSentimentAnalyzer"/> (its score is one more feature, so the model keeps working on
/// words its training data never showed), with a temperature fitted on held-out training data so that the score is
/// calibrated: score = 2 P(positive) - 1 in [-1, 1].
/// </summary>
/// <remarks>
/// Saved as JSON (<see cref="Save"/>): <c>{"format":"ecrm-sentiment-nb","version":3,"temperature":T,"prior":L,"lexicon":X,"coverage":G,"features":{"好评":W,...}}</c>
/// where W is a feature's weight in log-odds, L the bias, X the weight of the shipped lexicon analyzer's score (0 for
/// a model trained without it) and G the <see cref="CoverageExponent"/>. Versions 1 and 2 (without "lexicon" or
/// "coverage") still load and score as they did.
/// </remarks>
public sealed class SentimentModel : ISentimentAnalyzer
{
    private const string Format = "ecrm-sentiment-nb";
    private const int MaxModelBytes = 64 * 1024 * 1024;
    private readonly Dictionary<string, double> _weights;
    private readonly Dictionary<ulong, double> _hashed;

    private SentimentModel(Dictionary<string, double> weights, double prior, double lexiconWeight, double temperature, double coverageExponent)
    {
        LexiconWeight = lexiconWeight;
        CoverageExponent = coverageExponent;
        _weights = weights;
        _hashed = new Dictionary<ulong, double>(weights.Count);
        foreach (var (feature, weight) in weights)
        {
            _hashed[SentimentFeatures.Hash(feature)] = weight;
        }

        Prior = prior;
        Temperature = temperature;
    }

    /// <summary>Gets the log prior odds of a positive text.</summary>
    public double Prior { get; }

    /// <summary>Gets the weight, in log-odds, of the <see cref="LexiconSentimentAnalyzer.Default"/> score; 0 when trained without it.</summary>
    public double LexiconWeight { get; }

    /// <summary>
    /// Gets how strongly the n-gram evidence is discounted on texts the model knows little of: it is multiplied by
    /// coverage^exponent, where coverage is the share of the text's features the model has weights for. On another
    /// domain's texts the lexicon's evidence then leads. 6 for new models (chosen by leave-one-category-out validation,
    /// see docs/listening.md); 0 (no discount) for models saved before version 3.
    /// </summary>
    public double CoverageExponent { get; }

    /// <summary>Gets the calibration temperature: the log-odds are divided by it.</summary>
    public double Temperature { get; }

    /// <summary>Gets how many features the model weighs.</summary>
    public int FeatureCount => _weights.Count;

    /// <summary>
    /// Trains on labelled texts: nine tenths estimate the feature weights, the last tenth fits the calibration
    /// temperature (then the weights are re-estimated on everything).
    /// </summary>
    /// <param name="examples">Texts with their labels (true = positive). Star ratings map to labels with <see cref="LabelFromStars"/>.</param>
    /// <param name="minimumCount">Features seen in fewer texts are ignored.</param>
    /// <param name="useLexicon">Whether the shipped lexicon analyzer's score is a feature (true, the default: better on
    /// texts unlike the training data; false: a pure n-gram model, faster to score).</param>
    /// <returns>The model.</returns>
    /// <exception cref="EcrmException">Fewer than 10 examples, or only one label.</exception>
    public static SentimentModel Train(IEnumerable<(string Text, bool Positive)> examples, int minimumCount = 2, bool useLexicon = true)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var all = examples.Where(e => !string.IsNullOrWhiteSpace(e.Text))
            .Select(e => useLexicon ? LexiconExample(e.Text, e.Positive) : new Example(SentimentFeatures.Of(e.Text), 0, e.Positive))
            .ToList();
        if (all.Count < 10 || all.All(e => e.Positive) || all.All(e => !e.Positive))
        {
            throw new EcrmException($"Sentiment training: expected at least 10 texts with both labels, received {all.Count} ({all.Count(e => e.Positive)} positive).");
        }

        var calibration = all.Where((_, i) => i % 10 == 9).ToList();
        var fitting = all.Where((_, i) => i % 10 != 9).ToList();
        var draft = Estimate(fitting, minimumCount);
        var temperature = FitTemperature(draft, calibration);
        var final = Estimate(all, minimumCount);
        return new SentimentModel(final.Weights, final.Prior, final.Lexicon, temperature, useLexicon ? DefaultCoverageExponent : 0);
    }

    /// <summary>Maps a 1-5 star rating to a label: 4-5 positive, 1-2 negative, 3 none (leave such reviews out).</summary>
    /// <param name="stars">The rating.</param>
    /// <returns>True, false, or null for 3 stars.</returns>
    public static bool? LabelFromStars(int stars) => stars switch
    {
        >= 4 and <= 5 => true,
        >= 1 and <= 2 => false,
        3 => null,
        _ => throw new EcrmException($"Star rating: expected 1 to 5, received {stars}."),
    };

    /// <summary>Scores a text in [-1, 1]: 2 P(positive) - 1 under the calibrated model.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The score; 0 for an empty text.</returns>
    public double Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        var features = new HashSet<ulong>();
        SentimentFeatures.Hashes(text, features);
        var z = Prior;
        if (LexiconWeight != 0)
        {
            z += LexiconWeight * Evidence(LexiconSentimentAnalyzer.Default.Analyze(text).Score);
        }

        double sum = 0;
        var known = 0;
        foreach (var f in features)
        {
            if (_hashed.TryGetValue(f, out var w))
            {
                sum += w;
                known++;
            }
        }

        z += sum * Discount(known, features.Count, CoverageExponent);
        return (2 / (1 + Math.Exp(-z / Temperature))) - 1;
    }

    /// <inheritdoc />
    public SentimentResult Analyze(string text) => new(Score(text), LanguageDetector.Detect(text));

    /// <summary>Saves the model as JSON (see the remarks for the format).</summary>
    /// <param name="stream">Where to write.</param>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("version", 3);
        w.WriteNumber("temperature", Temperature);
        w.WriteNumber("prior", Prior);
        w.WriteNumber("lexicon", LexiconWeight);
        w.WriteNumber("coverage", CoverageExponent);
        w.WriteStartObject("features");
        foreach (var (feature, weight) in _weights.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(feature, weight); // full precision: a loaded model scores exactly like the saved one
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    /// <param name="stream">Where to read (at most 64 MiB).</param>
    /// <returns>The model.</returns>
    /// <exception cref="EcrmException">Not a saved model, a version this SDK does not read, or too large.</exception>
    public static SentimentModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxModelBytes)
            {
                throw new EcrmException($"Sentiment model: expected at most {MaxModelBytes} bytes, received more.");
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            using var doc = JsonDocument.Parse(buffer.ToArray());
            var root = doc.RootElement;
            if (!root.TryGetProperty("format", out var format) || format.GetString() != Format || !root.TryGetProperty("version", out var version) || version.GetInt32() is not (1 or 2 or 3))
            {
                throw new EcrmException($"Sentiment model: expected format '{Format}' version 1 to 3, received something else.");
            }

            var temperature = root.GetProperty("temperature").GetDouble();
            if (!(temperature > 0))
            {
                throw new EcrmException($"Sentiment model: expected a positive temperature, received {temperature}.");
            }

            var weights = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var p in root.GetProperty("features").EnumerateObject())
            {
                weights[p.Name] = p.Value.GetDouble();
            }

            var lexicon = root.TryGetProperty("lexicon", out var l) ? l.GetDouble() : 0;
            var coverage = root.TryGetProperty("coverage", out var c) ? c.GetDouble() : 0;
            if (!(coverage is >= 0 and <= 20))
            {
                throw new EcrmException($"Sentiment model: expected a coverage exponent from 0 to 20, received {coverage}.");
            }

            return new SentimentModel(weights, root.GetProperty("prior").GetDouble(), lexicon, temperature, coverage);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new EcrmException($"Sentiment model: expected the JSON written by SentimentModel.Save, received unreadable content ({ex.Message}).");
        }
    }

    private static Fit Estimate(List<Example> data, int minimumCount)
    {
        var positive = new Dictionary<string, int>(StringComparer.Ordinal);
        var negative = new Dictionary<string, int>(StringComparer.Ordinal);
        long positiveTotal = 0, negativeTotal = 0;
        var positives = 0;
        foreach (var (features, _, label) in data)
        {
            var counts = label ? positive : negative;
            foreach (var f in features)
            {
                counts[f] = counts.GetValueOrDefault(f) + 1;
            }

            if (label)
            {
                positives++;
                positiveTotal += features.Count;
            }
            else
            {
                negativeTotal += features.Count;
            }
        }

        var vocabulary = positive.Keys.Union(negative.Keys).Where(f => positive.GetValueOrDefault(f) + negative.GetValueOrDefault(f) >= minimumCount).ToList();
        var v = vocabulary.Count;
        var weights = new Dictionary<string, double>(v, StringComparer.Ordinal);
        foreach (var f in vocabulary)
        {
            // Multinomial naive Bayes with add-one smoothing, on binarised counts.
            weights[f] = Math.Log((positive.GetValueOrDefault(f) + 1.0) / (positiveTotal + v)) - Math.Log((negative.GetValueOrDefault(f) + 1.0) / (negativeTotal + v));
        }

        var prior = Math.Log((positives + 1.0) / (data.Count - positives + 1.0));
        return Refine(data, weights, prior);
    }

    /// <summary>
    /// Logistic-regression refinement of the naive Bayes weights (started from them, scaled down): a few epochs of
    /// AdaGrad on the log loss with L2 towards zero, in a fixed order so training is reproducible.
    /// </summary>
    private static Fit Refine(List<Example> data, Dictionary<string, double> nb, double prior)
    {
        var index = new Dictionary<string, int>(nb.Count, StringComparer.Ordinal);
        var w = new double[nb.Count + 2];
        var g2 = new double[nb.Count + 2];
        foreach (var (f, weight) in nb)
        {
            w[index[f] = index.Count] = weight * 0.1;
        }

        var bias = nb.Count;
        var lexicon = nb.Count + 1;
        w[bias] = prior;
        var useLexicon = data.Any(d => d.Lexicon != 0);
        w[lexicon] = useLexicon ? 2 : 0;
        var docs = data.Select(d => (Ids: d.Features.Where(index.ContainsKey).Select(f => index[f]).ToArray(), X: d.Lexicon, Y: d.Positive ? 1.0 : 0.0)).ToArray();
        const double rate = 0.1;
        const double l2 = 1e-4;
        var order = Enumerable.Range(0, docs.Length).OrderBy(i => (i * 2654435761L) % docs.Length).ToArray();
        const double dropout = 0.2; // each n-gram left out of an update with this chance, so the lexicon evidence and
                                    // the rest of the text must carry it too: steadier on texts unlike the training data
        var random = new Random(20261123);
        var kept = new List<int>();
        for (var epoch = 0; epoch < 4; epoch++)
        {
            foreach (var i in order)
            {
                var (all, x, y) = docs[i];
                kept.Clear();
                foreach (var id in all)
                {
                    if (random.NextDouble() >= dropout)
                    {
                        kept.Add(id);
                    }
                }

                var ids = kept;
                var z = w[bias] + (w[lexicon] * x);
                foreach (var id in ids)
                {
                    z += w[id];
                }

                var gradient = (1 / (1 + Math.Exp(-z))) - y;
                foreach (var id in ids.Append(bias))
                {
                    var g = gradient + (l2 * w[id]);
                    g2[id] += g * g;
                    w[id] -= rate * g / (Math.Sqrt(g2[id]) + 1e-8);
                }

                if (useLexicon)
                {
                    var g = gradient * x;
                    g2[lexicon] += g * g;
                    w[lexicon] -= rate * g / (Math.Sqrt(g2[lexicon]) + 1e-8);
                }
            }
        }

        return new Fit(index.ToDictionary(kv => kv.Key, kv => w[kv.Value], StringComparer.Ordinal), w[bias], w[lexicon]);
    }

    private static double FitTemperature(Fit draft, List<Example> calibration)
    {
        var logOdds = calibration.Select(c => (Z: LogOdds(draft, c), c.Positive)).ToArray();
        double Loss(double t) => logOdds.Sum(x =>
        {
            var p = 1 / (1 + Math.Exp(-x.Z / t));
            return -Math.Log(Math.Clamp(x.Positive ? p : 1 - p, 1e-12, 1));
        });

        // Golden-section search on log(temperature) in [1/20, 50].
        double lo = Math.Log(0.05), hi = Math.Log(50);
        var g = (Math.Sqrt(5) - 1) / 2;
        for (var i = 0; i < 60; i++)
        {
            var a = hi - (g * (hi - lo));
            var b = lo + (g * (hi - lo));
            if (Loss(Math.Exp(a)) < Loss(Math.Exp(b)))
            {
                hi = b;
            }
            else
            {
                lo = a;
            }
        }

        return Math.Exp((lo + hi) / 2);
    }

    private static double LogOdds(Fit fit, Example example)
    {
        double sum = 0;
        var known = 0;
        foreach (var f in example.Features)
        {
            if (fit.Weights.TryGetValue(f, out var w))
            {
                sum += w;
                known++;
            }
        }

        return fit.Prior + (fit.Lexicon * example.Lexicon) + (sum * Discount(known, example.Features.Count, fit.Lexicon == 0 ? 0 : DefaultCoverageExponent));
    }

    private static Example LexiconExample(string text, bool positive) =>
        new(SentimentFeatures.Of(text), Evidence(LexiconSentimentAnalyzer.Default.Analyze(text).Score), positive);

    /// <summary>
    /// The lexicon analyzer's evidence as a feature: its score s mapped back to the unbounded lexicon sum over its scale,
    /// s / sqrt(1 - s²) (= sum / sqrt(15)), capped at ±4, so strong texts are not flattened by the score's saturation.
    /// </summary>
    private const double DefaultCoverageExponent = 6;

    private static double Discount(int known, int total, double exponent) =>
        exponent == 0 || total == 0 || known == total ? 1 : Math.Pow(known / (double)total, exponent);

    private static double Evidence(double s) => Math.Clamp(s / Math.Sqrt(Math.Max(1e-9, 1 - (s * s))), -4, 4);

    private readonly record struct Example(HashSet<string> Features, double Lexicon, bool Positive);

    private readonly record struct Fit(Dictionary<string, double> Weights, double Prior, double Lexicon);
}
