# visits
