import PillarCommands

await Pillar.main()
