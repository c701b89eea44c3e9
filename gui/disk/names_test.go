package disk

// imagesUnused is the images choice "All unused" in English, as the tests choose it.
const imagesUnused = "All unused"
