"""Citation chains: the citation graph of the store in networkx (`graph`), the questions
asked of it (`analysis`), its exports (`exports`), and chain requests (`requests`)."""
