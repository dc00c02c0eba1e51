namespace Ecrm.Recommendations;

/// <summary>
/// FP-growth (Han, Pei and Yin, 2000) over items numbered by descending frequency: one pass builds a prefix tree of the
/// baskets (frequent items only, most frequent first), then every frequent itemset is grown from its conditional tree,
/// without generating candidates. Trees are flat arrays, so mining allocates little besides the results.
/// </summary>
internal sealed class FpGrowth
{
    private readonly int _itemCount;
    private readonly int _minCount;
    private readonly int _maxLength;
    private readonly Action<int[], int> _emit;
    private readonly List<int> _path = [];

    private FpGrowth(int itemCount, int minCount, int maxLength, Action<int[], int> emit)
    {
        _itemCount = itemCount;
        _minCount = minCount;
        _maxLength = maxLength;
        _emit = emit;
    }

    /// <summary>Mines every itemset of up to <paramref name="maxLength"/> items held by at least <paramref name="minCount"/> baskets.</summary>
    /// <param name="baskets">Each basket's frequent items, distinct, sorted ascending (item 0 is the most frequent).</param>
    /// <param name="itemCount">The number of frequent items.</param>
    /// <param name="minCount">The least count.</param>
    /// <param name="maxLength">The most items in an itemset.</param>
    /// <param name="emit">Receives each itemset (sorted ascending; the array is the caller's to keep) and its count.</param>
    public static void Mine(IReadOnlyList<int[]> baskets, int itemCount, int minCount, int maxLength, Action<int[], int> emit)
    {
        var tree = new Tree(itemCount, baskets.Count * 2 + 1);
        foreach (var basket in baskets)
        {
            tree.Insert(basket, basket.Length, 1);
        }

        new FpGrowth(itemCount, minCount, maxLength, emit).Grow(tree, []);
    }

    private void Grow(Tree tree, int[] suffix)
    {
        var counts = new int[_itemCount];
        for (var item = _itemCount - 1; item >= 0; item--)
        {
            var support = tree.HeadCount[item];
            if (support < _minCount)
            {
                continue;
            }

            var itemset = new int[suffix.Length + 1];
            itemset[0] = item; // items of a conditional tree rank before the suffix's, so this stays sorted
            suffix.CopyTo(itemset, 1);
            _emit(itemset, support);
            if (itemset.Length >= _maxLength)
            {
                continue;
            }

            // The conditional pattern base: the path above every node of this item, weighted by the node's count.
            Array.Clear(counts, 0, item);
            var nodes = 0;
            for (var node = tree.HeadFirst[item]; node != 0; node = tree.Link[node])
            {
                for (var up = tree.Parent[node]; up != 0; up = tree.Parent[up])
                {
                    counts[tree.Item[up]] += tree.Count[node];
                    nodes++;
                }
            }

            if (nodes == 0)
            {
                continue;
            }

            var conditional = new Tree(_itemCount, nodes + 1);
            for (var node = tree.HeadFirst[item]; node != 0; node = tree.Link[node])
            {
                _path.Clear();
                for (var up = tree.Parent[node]; up != 0; up = tree.Parent[up])
                {
                    if (counts[tree.Item[up]] >= _minCount)
                    {
                        _path.Add(tree.Item[up]);
                    }
                }

                if (_path.Count > 0)
                {
                    _path.Reverse(); // root first: ascending items
                    conditional.Insert(_path, _path.Count, tree.Count[node]);
                }
            }

            if (conditional.Size > 1)
            {
                Grow(conditional, itemset);
            }
        }
    }

    /// <summary>A prefix tree in flat arrays; node 0 is the root.</summary>
    private sealed class Tree
    {
        public Tree(int itemCount, int capacity)
        {
            HeadFirst = new int[itemCount];
            HeadCount = new int[itemCount];
            Item = new int[capacity];
            Count = new int[capacity];
            Parent = new int[capacity];
            Link = new int[capacity];
            FirstChild = new int[capacity];
            NextSibling = new int[capacity];
            Size = 1;
        }

        public int[] HeadFirst { get; }

        public int[] HeadCount { get; }

        public int[] Item { get; private set; }

        public int[] Count { get; private set; }

        public int[] Parent { get; private set; }

        public int[] Link { get; private set; }

        public int[] FirstChild { get; private set; }

        public int[] NextSibling { get; private set; }

        public int Size { get; private set; }

        public void Insert(IReadOnlyList<int> items, int length, int weight)
        {
            var node = 0;
            for (var i = 0; i < length; i++)
            {
                var item = items[i];
                var child = FirstChild[node];
                while (child != 0 && Item[child] != item)
                {
                    child = NextSibling[child];
                }

                if (child == 0)
                {
                    child = Add(node, item);
                }

                Count[child] += weight;
                HeadCount[item] += weight;
                node = child;
            }
        }

        private int Add(int parent, int item)
        {
            if (Size == Item.Length)
            {
                var capacity = Size * 2;
                Item = Resize(Item, capacity);
                Count = Resize(Count, capacity);
                Parent = Resize(Parent, capacity);
                Link = Resize(Link, capacity);
                FirstChild = Resize(FirstChild, capacity);
                NextSibling = Resize(NextSibling, capacity);
            }

            var node = Size++;
            Item[node] = item;
            Parent[node] = parent;
            NextSibling[node] = FirstChild[parent];
            FirstChild[parent] = node;
            Link[node] = HeadFirst[item];
            HeadFirst[item] = node;
            return node;
        }

        private static int[] Resize(int[] array, int capacity)
        {
            var resized = new int[capacity];
            array.CopyTo(resized, 0);
            return resized;
        }
    }
}
