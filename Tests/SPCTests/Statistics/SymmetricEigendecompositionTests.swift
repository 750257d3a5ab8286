import Testing

@testable import SPC

@Suite struct SymmetricEigendecompositionTests {
    // numpy 2.4: np.linalg.eigh of this matrix, reversed to decreasing order; R eigen() agrees to 1e-15.
    @Test func matchesNumpy() {
        let matrix: [Double] = [4, 1, 0.5, 0, 1, 3, 0.2, 0.1, 0.5, 0.2, 2, 0.3, 0, 0.1, 0.3, 1]
        let decomposition = SymmetricEigendecomposition(symmetric: matrix, dimension: 4)
        let expectedValues = [4.724752504035315, 2.3992643038562114, 1.9693130219388706, 0.9066701701696025]
        let expectedVectors: [[Double]] = [
            [-0.8375242179182849, -0.5098275413749227, -0.19434046550314618, -0.0293401759365325],
            [0.48670479096102737, -0.8585532958889951, 0.15893512702695545, -0.027282044839997577],
            [-0.24072799312054477, 0.0257838960268596, 0.9261186097156396, 0.2892914529885083],
            [0.06100544388907123, -0.047930229286127585, -0.28155946015596256, 0.9564022685738249],
        ]
        for (index, value) in expectedValues.enumerated() {
            #expect(close(decomposition.eigenvalues[index], value, relative: 1e-12))
            // An eigenvector's sign is arbitrary: compare up to sign.
            let vector = Array(decomposition.eigenvectors[(index * 4)..<(index * 4 + 4)])
            let sign = (vector[0] * expectedVectors[index][0] >= 0) ? 1.0 : -1.0
            for k in 0..<4 { #expect(abs(sign * vector[k] - expectedVectors[index][k]) < 1e-12) }
        }
    }
}
