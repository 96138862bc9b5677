"""French names for the synthetic directory: accents, particles, apostrophes, œ/æ, compounds.

Drawn with Zipf-like weights, so that at 1.2 M agents the common names (Martin, Marie)
give thousands of homonyms, as in the real directory, and the identifier numbering
(`vdupont2`, `vdupont3`…) is exercised at scale.
"""

_SURNAMES = """Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel
Lefèbvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine
Rousseau Vincent Müller Lefèvre Faure André Mercier Blanc Guérin Boyer Garnier Chevalier
François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas Henry Roussel Mathieu
Gautier Masson Marchand Duval Denis Dumont Marie Lemaire Noël Meyer Dufour Meunier Brun
Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard Roche
Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas
Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey Leclerc Payet Rolland Leclercq
Guillaume Lecomte López Jean Dupuy Guillot Hubert Berger Carpentier Sánchez Dupuis Moulin
Louis Deschamps Huet Vasseur Perez Boucher Fleury Royer Klein Jacquet Adam Paris Poirier
Marty Aubry Guyot Carré Charles Renault Charpentier Ménard Maillard Baron Bertin Bailly
Hervé Schneider Fernandez Collet Léger Bouvier Julien Prévost Millet Perrot Daniel Cousin
Germain Breton Besson Langlois Rémy Pelletier Lévêque Perrier Leblanc Barré Lebrun Marchal
Weber Mallet Hamon Boulanger Jacob Monnier Michaud Rodriguez Guichard Gillet Étienne Grondin
Poulain Tessier Chevallier Collin Chauvin Bouchet Gay Lemaître Bénard Maréchal Humbert
Reynaud Antoine Hoarau Perret Barthélemy Cordier Pichon Lejeune Gilbert Lamy Delaunay
Pasquier Carlier Laporte Lœuillet Cœurdevey Bœuf Kerbœuf Nguyen Diallo Traoré Haddad"""
SURNAMES = _SURNAMES.split()

# Names with spaces, particles and apostrophes (straight and typographic).
COMPOUND_SURNAMES = [
    "Le Gall",
    "Le Roux",
    "Le Goff",
    "Le Bihan",
    "Da Silva",
    "De Sousa",
    "de La Fontaine",
    "du Pont de Nemours",
    "N'Diaye",
    "D'Almeida",
    "D’Artagnan",
    "Saint-Martin",
    "Ben Saïd",
    "Van der Berg",
    "Lacaze-Duthiers",
]

_FIRST_NAMES = """Marie Jean Pierre Michel Philippe Nathalie Isabelle Sylvie Catherine Françoise
Valérie Sandrine Christine Stéphanie Véronique Céline Julien Nicolas Sébastien Stéphane
Frédéric Laurent Christophe David Olivier Thierry Éric Patrick Vincent Victor Hélène Aurélie
Émilie Élodie Chloé Zoé Noémie Joël Raphaël Gaëlle Maëlle Anaïs Loïc Benoît François Jérôme
Cédric Clément Grégory Mathieu Lætitia Agnès Béatrice Cécile Geneviève Inès Yasmine Mohamed
Karim Léa Théo Nadège Solène Mélanie Mégane Jérémy Adèle Ève Héloïse Noël Maïwenn Anne
Sophie Claire Julie Camille Thomas Antoine Guillaume Alexandre Manon Laura Pauline Lucie
Hugo Louis Arthur Jules Ophélie Bérénice Aïcha Zoë Cæcilia Œdipe"""
FIRST_NAMES = _FIRST_NAMES.split()

COMPOUND_FIRST_NAMES = [
    "Jean-François",
    "Jean-Pierre",
    "Jean-Marc",
    "Marie-Claude",
    "Marie-Hélène",
    "Anne-Sophie",
    "Marc-Antoine",
    "Pierre-Yves",
    "Anne Marie",
    "Marie Thérèse",
]


def zipf_weights(count: int, offset: int = 4) -> list[float]:
    """Weight of the n-th most common name: 1 / (n + offset)."""
    return [1.0 / (rank + offset) for rank in range(count)]
